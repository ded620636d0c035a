import { applyDecorators, Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '../../../libs/auth/principal.js';
import { Caller } from '../http/principal.decorator.js';
import { ZodPipe } from '../http/zod-pipe.js';
import { ApiQueryOf } from '../openapi/api-query.js';
import { attachment, DOCUMENT_LANGS } from './document-format.js';
import { ReportDocumentService } from './report-document.service.js';
import { reportPdf } from './report-pdf.js';
import { ReportWorkbook } from './report-xlsx.js';
import { startDownload, streamExport } from './response-stream.js';
import { ReviewRecordService } from './review-record.service.js';
import { reviewRecordPdf } from './review-record-pdf.js';
import { ApiProblems } from '../openapi/api-problems.js';

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const langField = z.enum(DOCUMENT_LANGS).default('vi').describe('Language of the document: vi (default) or en.');
const PdfQuery = z.object({ lang: langField });
const XlsxQuery = z.object({
  lang: langField,
  scope: z.enum(['unit', 'subtree']).default('unit').describe('unit: the report and the subjects it counts · subtree: also one sheet per level (province, district, grassroots, cell) with every unit report and subject below.'),
});

/** A download's answers: the file, or a problem document as the JSON endpoint would answer (declared by @ApiProblems and by kind). */
const ApiDownload = (contentType: string, description: string) =>
  applyDecorators(
    ApiProduces(contentType, 'application/problem+json'),
    ApiResponse({ status: 200, description: `${contentType} (attachment): ${description}`, content: { [contentType]: { schema: { type: 'string', format: 'binary' } } } }),
  );

/** A rendered PDF, returned (not written) so the audit entry is stored before the answer goes out. */
function pdfFile(pdf: Buffer, fileName: string): StreamableFile {
  return new StreamableFile(pdf, { type: PDF, disposition: attachment(fileName), length: pdf.length });
}

/**
 * Printable and spreadsheet copies of the report upward and of a review's record. Each answers
 * to exactly the callers of the JSON it mirrors, and each download is an audited read.
 */
@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(
    private readonly db: DataSource,
    private readonly reports: ReportDocumentService,
    private readonly records: ReviewRecordService,
  ) {}

  @Get('cycles/:cycleId/units/:unitId/report.pdf')
  @ApiProblems(403)
  @ApiOperation({ summary: 'The report upward as a signed-paper A4 PDF (same callers as GET …/report)' })
  @ApiQueryOf(PdfQuery)
  @ApiDownload(PDF, 'A4, Vietnamese unless lang=en')
  async reportPdf(@Caller() caller: Principal, @Param('cycleId') cycleId: string, @Param('unitId') unitId: string, @Query(new ZodPipe(PdfQuery)) query: z.infer<typeof PdfQuery>) {
    const pdf = await reportPdf(await this.reports.load(caller, cycleId, unitId), query.lang);
    return pdfFile(pdf, `report-${cycleId}-${unitId}.pdf`);
  }

  @Get('cycles/:cycleId/units/:unitId/report.xlsx')
  @ApiProblems(403)
  @ApiOperation({ summary: 'The report upward as XLSX, streamed: its tables and its subjects; ?scope=subtree adds a sheet per level' })
  @ApiQueryOf(XlsxQuery)
  @ApiDownload(XLSX, 'streamed')
  async reportXlsx(@Caller() caller: Principal, @Param('cycleId') cycleId: string, @Param('unitId') unitId: string, @Query(new ZodPipe(XlsxQuery)) query: z.infer<typeof XlsxQuery>, @Res() res: Response) {
    const doc = await this.reports.load(caller, cycleId, unitId);
    startDownload(res, XLSX, `report-${cycleId}-${unitId}${query.scope === 'subtree' ? '-subtree' : ''}.xlsx`);
    const book = new ReportWorkbook(this.db, res, doc, query.lang);
    await streamExport(res, () => (query.scope === 'subtree' ? book.writeSubtree() : book.writeUnit()));
  }

  @Get('reviews/:id/record.pdf')
  @ApiProblems(403)
  @ApiOperation({ summary: "A review's record as PDF (same callers as GET /reviews/:id; the history section only for those who may read GET /reviews/:id/history)" })
  @ApiQueryOf(PdfQuery)
  @ApiDownload(PDF, 'A4, Vietnamese unless lang=en')
  async recordPdf(@Caller() caller: Principal, @Param('id') id: string, @Query(new ZodPipe(PdfQuery)) query: z.infer<typeof PdfQuery>) {
    const pdf = await reviewRecordPdf(await this.records.load(caller, id), query.lang);
    return pdfFile(pdf, `review-${id}.pdf`);
  }
}
