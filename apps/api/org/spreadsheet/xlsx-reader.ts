import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { ValidationError } from '../../../../libs/domain/errors.js';
import { isBlankRow, MAX_ROWS, type SheetTable } from './sheet-table.js';
import type { SpreadsheetMessages } from './spreadsheet-messages.js';

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Every sheet of an XLSX workbook, row by row with exceljs's streaming reader: the workbook is
 * never built in memory, only the rows' text. Headings are the first non-blank row.
 */
export async function readXlsx(file: Buffer, say: SpreadsheetMessages): Promise<SheetTable[]> {
  if (!file.subarray(0, 4).equals(ZIP_SIGNATURE)) throw new ValidationError([{ path: 'file', message: say.notXlsx }]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets: SheetTable[] = [];
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name; // set by the reader, missing from its typings
      const sheet: SheetTable = { name, headings: [], rows: [] };
      for await (const row of worksheet) addRow(sheet, row, say);
      sheets.push(sheet);
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    // The streaming reader sometimes fails on a valid workbook whose sheets come before
    // xl/workbook.xml in the zip ("reading 'sheets'", exceljs#962); the whole-file reader does not.
    return readWhole(file, say, error);
  }
  return sheets;
}

/** The same sheets read by loading the whole workbook; a file neither reader reads is a 400. */
async function readWhole(file: Buffer, say: SpreadsheetMessages, streamingError: unknown): Promise<SheetTable[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new ValidationError([{ path: 'file', message: say.unreadable(streamingError instanceof Error ? streamingError.message : String(streamingError)) }]);
  }
  const sheets: SheetTable[] = [];
  workbook.eachSheet((worksheet) => {
    const sheet: SheetTable = { name: worksheet.name, headings: [], rows: [] };
    worksheet.eachRow((row) => addRow(sheet, row, say));
    sheets.push(sheet);
  });
  return sheets;
}

/** Headings are the first non-blank row; later non-blank rows are data, up to MAX_ROWS. */
function addRow(sheet: SheetTable, row: ExcelJS.Row, say: SpreadsheetMessages): void {
  const cells = rowText(row.values as ExcelJS.CellValue[]);
  if (isBlankRow(cells)) return;
  if (sheet.headings.length === 0) sheet.headings = cells;
  else sheet.rows.push({ number: row.number, cells });
  if (sheet.rows.length > MAX_ROWS) throw new ValidationError([{ path: sheet.name, message: say.tooManyRows(MAX_ROWS) }]);
}

/** exceljs numbers cells from 1 and leaves gaps for empty cells. */
function rowText(values: ExcelJS.CellValue[]): string[] {
  const cells: string[] = [];
  for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
  return cells;
}

function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text); // a hyperlink
  return ''; // an error value (#N/A) reads as blank
}
