import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/auth/principal.js';
import { ForbiddenError, ValidationError, type FieldError } from '../../../../libs/domain/errors.js';
import { formatPath } from '../../../../libs/domain/field-path.js';
import type { PersonImport, UnitImport } from '../../../../libs/domain/org/import-rules.js';
import { malformedTextErrors } from '../../http/well-formed-text.js';
import { OrgImportSchema, type OrgImportBody } from '../org-import.schema.js';
import { OrgImportService, type ImportResult } from '../org-import.service.js';
import { readCsv } from './csv-reader.js';
import { errorsByCell } from './field-to-cell.js';
import { SHEETS, layoutForSheetName, columnForHeading, type Lang, type SheetKey, type SheetLayout } from './registry-sheets.js';
import { bindColumns, personFromCells, recordsOf, unitFromCells, type BoundSheet } from './rows-to-import.js';
import type { SheetTable } from './sheet-table.js';
import { SPREADSHEET_MESSAGES, type SpreadsheetMessages } from './spreadsheet-messages.js';
import { readXlsx } from './xlsx-reader.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export type SpreadsheetFormat = 'xlsx' | 'csv';

export interface SpreadsheetUpload {
  file: Buffer;
  format: SpreadsheetFormat;
  lang: Lang;
  /** CSV only: which sheet the file is; found from its headings when not given. */
  sheet?: SheetKey;
}

/**
 * POST /org/import/spreadsheet: the rows become the JSON import's payload and go through the same
 * service, so the same rules, scope checks and all-or-nothing apply; every error comes back
 * named by its sheet and cell.
 */
@Injectable()
export class SpreadsheetImportService {
  constructor(private readonly importer: OrgImportService) {}

  async import(principal: Principal, upload: SpreadsheetUpload, importId: string): Promise<ImportResult> {
    this.importer.importerScope(principal); // who may act before what the file says: a member's broken file is 403, not 400
    const say = SPREADSHEET_MESSAGES[upload.lang];
    const tables = upload.format === 'xlsx' ? await xlsxSheets(upload.file, upload.lang, say) : await csvSheet(upload.file, upload.sheet, upload.lang, say);
    const { payload, sheets } = toPayload(tables, upload.lang, say);
    try {
      return await this.importer.import(principal, payload, importId);
    } catch (error) {
      if (error instanceof ValidationError) throw new ValidationError(errorsByCell(error.errors, sheets, upload.lang));
      if (error instanceof ForbiddenError && error.errors.length > 0) throw new ForbiddenError(error.message, errorsByCell(error.errors, sheets, upload.lang));
      throw error;
    }
  }
}

type Tables = Partial<Record<SheetKey, SheetTable>>;

/** Both sheets, found by name in either language; other sheets (the instructions) are ignored. */
async function xlsxSheets(file: Buffer, lang: Lang, say: SpreadsheetMessages): Promise<Tables> {
  const tables: Tables = {};
  for (const table of await readXlsx(file, say)) {
    const layout = layoutForSheetName(table.name);
    if (layout && !tables[layout.key]) tables[layout.key] = table;
  }
  const missing = Object.values(SHEETS).filter((l) => !tables[l.key]);
  if (missing.length > 0) throw new ValidationError(missing.map((l) => ({ path: 'file', message: say.noSheet(`'${l.name[lang]}' (${l.name[lang === 'vi' ? 'en' : 'vi']})`) })));
  return tables;
}

async function csvSheet(file: Buffer, sheet: SheetKey | undefined, lang: Lang, say: SpreadsheetMessages): Promise<Tables> {
  const table = await readCsv(file, '', say);
  const layout = sheet ? SHEETS[sheet] : layoutFromHeadings(table.headings);
  if (!layout) throw new ValidationError([{ path: 'file', message: say.unknownCsvSheet }]);
  table.name = layout.name[lang];
  return { [layout.key]: table };
}

/** The layout whose required columns are all among the headings (people's first: its columns are the more specific). */
function layoutFromHeadings(headings: string[]): SheetLayout | undefined {
  return [SHEETS.people, SHEETS.units].find((layout) => layout.columns.filter((c) => c.required).every((c) => headings.some((h) => columnForHeading(layout, h) === c)));
}

/** The JSON import's payload, after the checks its schema makes; any error is named by its cell. */
function toPayload(tables: Tables, lang: Lang, say: SpreadsheetMessages): { payload: OrgImportBody; sheets: Partial<Record<SheetKey, BoundSheet>> } {
  const errors: FieldError[] = [];
  const sheets: Partial<Record<SheetKey, BoundSheet>> = {};
  let units: UnitImport[] = [];
  let people: PersonImport[] = [];
  let columnsBound = true;
  if (tables.units) {
    const bound = bindColumns(tables.units, SHEETS.units, lang, say);
    errors.push(...bound.errors);
    sheets.units = bound.sheet;
    columnsBound &&= bound.errors.length === 0;
    if (bound.errors.length === 0) ({ records: units } = collect(recordsOf(tables.units, bound.sheet, say, unitFromCells), errors));
  }
  if (tables.people) {
    const bound = bindColumns(tables.people, SHEETS.people, lang, say);
    errors.push(...bound.errors);
    sheets.people = bound.sheet;
    columnsBound &&= bound.errors.length === 0;
    if (bound.errors.length === 0) ({ records: people } = collect(recordsOf(tables.people, bound.sheet, say, personFromCells(say)), errors));
  }
  if (errors.length > 0 && !columnsBound) throw new ValidationError(errors); // no rows can be read without their columns

  // Then the JSON import's schema; a cell already named above is not named twice.
  const parsed = OrgImportSchema.safeParse({ units, people });
  const schemaErrors = parsed.success ? malformedTextErrors({ units, people }) : parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  const named = new Set(errors.map((e) => e.path));
  errors.push(...errorsByCell(schemaErrors, sheets, lang).filter((e) => !named.has(e.path)));
  if (errors.length > 0) throw new ValidationError(errors);
  return { payload: parsed.data!, sheets };
}

function collect<T>(result: { records: T[]; errors: FieldError[] }, errors: FieldError[]): { records: T[] } {
  errors.push(...result.errors);
  return { records: result.records };
}
