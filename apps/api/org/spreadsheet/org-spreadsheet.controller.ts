import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Principal } from '../../../../libs/auth/principal.js';
import { ValidationError } from '../../../../libs/domain/errors.js';
import { operationIdFor } from '../../http/idempotency.interceptor.js';
import { Caller } from '../../http/principal.decorator.js';
import { ZodPipe } from '../../http/zod-pipe.js';
import { ApiQueryOf } from '../../openapi/api-query.js';
import { SHEET_KEYS } from './registry-sheets.js';
import { RegistryExportService } from './registry-export.service.js';
import { SPREADSHEET_MESSAGES } from './spreadsheet-messages.js';
import { SpreadsheetImportService, XLSX_TYPE, type SpreadsheetFormat } from './spreadsheet-import.service.js';
import { csvTemplate, writeXlsxTemplate, type SheetRows } from './template-writer.js';
import { ApiProblems } from '../../openapi/api-problems.js';
import { ApiAnswer } from '../../openapi/api-answer.js';
import { ImportResultSchema } from '../org.responses.js';

const lang = z.enum(['vi', 'en']).default('vi').describe('Language of headings and error messages');
const sheet = z.enum(SHEET_KEYS as ['units', 'people']);

const TemplateQuery = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  sheet: sheet.default('units').describe('CSV only: which sheet (an XLSX holds both)'),
  lang,
  filled: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe("true: the rows of the registry in the caller's admin scope (never passwords)"),
});

const UploadQuery = z.object({
  lang,
  sheet: sheet.optional().describe('CSV only: which sheet the file is; found from its heading row when omitted'),
});

const CSV_TYPES = new Set(['text/csv', 'application/csv', 'text/plain']);

@ApiTags('organisation registry')
@ApiBearerAuth()
@Controller('org/import')
export class OrgSpreadsheetController {
  constructor(
    private readonly importer: SpreadsheetImportService,
    private readonly exporter: RegistryExportService,
  ) {}

  @Get('template')
  @ApiProblems(403)
  @ApiOperation({
    summary: 'The registry as a spreadsheet template (admin): XLSX with both sheets, or one sheet as CSV',
    description:
      'XLSX: sheets Đơn vị/Units and Đảng viên/People with headings in `lang`, drop-down lists for kind, position and status, and an ' +
      'instructions sheet. CSV: the `sheet` asked for, UTF-8 with a BOM. With `filled=true` the rows hold the registry of the caller\'s scope.',
  })
  @ApiQueryOf(TemplateQuery)
  @ApiProduces(XLSX_TYPE, 'text/csv')
  @ApiResponse({
    status: 200,
    description: 'The template (attachment): XLSX, or with format=csv one sheet as CSV',
    content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } }, 'text/csv': { schema: { type: 'string' } } },
  })
  async template(@Caller() caller: Principal, @Query(new ZodPipe(TemplateQuery)) query: z.infer<typeof TemplateQuery>, @Res() res: Response): Promise<void> {
    const rows: SheetRows = query.filled ? await this.exporter.rows(caller) : (this.exporter.requireAdmin(caller), {});
    const base = query.lang === 'vi' ? 'mau-to-chuc' : 'registry-template';
    if (query.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`${base}-${query.sheet}.csv`);
      for (const chunk of csvTemplate(query.sheet, query.lang, rows[query.sheet])) if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
      res.end();
      return;
    }
    res.type(XLSX_TYPE).attachment(`${base}.xlsx`);
    await writeXlsxTemplate(res, query.lang, rows);
  }

  @Post('spreadsheet')
  @ApiProblems()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import the registry from a spreadsheet (admin): the same import as POST /org/import, all or nothing',
    description:
      'The body is the file itself: `Content-Type: ' + XLSX_TYPE + '` (both sheets) or `text/csv` (one sheet, `?sheet=` or found from ' +
      'its headings). Headings in Vietnamese or English. Every problem is named by sheet and cell (`Đảng viên!C14`) in `lang`. ' +
      'Answers as POST /org/import does.',
  })
  @ApiQueryOf(UploadQuery)
  @ApiConsumes(XLSX_TYPE, 'text/csv')
  @ApiBody({ schema: { type: 'string', format: 'binary', minLength: 1 } })
  @ApiAnswer('ImportResult', ImportResultSchema)
  import(@Caller() caller: Principal, @Query(new ZodPipe(UploadQuery)) query: z.infer<typeof UploadQuery>, @Req() req: Request): Promise<z.infer<typeof ImportResultSchema>> {
    const say = SPREADSHEET_MESSAGES[query.lang];
    const file: unknown = req.body;
    const contentType = (req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!Buffer.isBuffer(file)) throw new ValidationError([{ path: 'file', message: say.unsupportedType(contentType) }]);
    if (file.length === 0) throw new ValidationError([{ path: 'file', message: say.empty }]);
    const format = formatOf(contentType, file);
    if (!format) throw new ValidationError([{ path: 'file', message: say.unsupportedType(contentType) }]);
    return this.importer.import(caller, { file, format, lang: query.lang, sheet: query.sheet }, operationIdFor(req));
  }
}

/** By Content-Type; a generic binary upload is told apart by the ZIP signature every XLSX starts with. */
function formatOf(contentType: string, file: Buffer): SpreadsheetFormat | null {
  if (contentType === XLSX_TYPE) return 'xlsx';
  if (CSV_TYPES.has(contentType)) return 'csv';
  if (contentType === 'application/octet-stream' || contentType === '') return file.subarray(0, 2).toString('latin1') === 'PK' ? 'xlsx' : 'csv';
  return null;
}
