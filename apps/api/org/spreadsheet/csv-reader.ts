import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { ValidationError } from '../../../../libs/domain/errors.js';
import { isBlankRow, MAX_ROWS, type SheetTable } from './sheet-table.js';
import type { SpreadsheetMessages } from './spreadsheet-messages.js';

/**
 * One sheet from a CSV file: UTF-8 with or without a BOM, quoted fields, CRLF or LF line ends,
 * parsed as a stream. Comma separated, or semicolon separated when the heading line says so
 * (Excel writes that in a Vietnamese locale). Row numbers count records, as a spreadsheet shows them.
 */
export async function readCsv(file: Buffer, name: string, say: SpreadsheetMessages): Promise<SheetTable> {
  const parser = Readable.from([file]).pipe(
    parse({ bom: true, delimiter: delimiterOf(file), relax_column_count: true, trim: true, skip_empty_lines: false }),
  );
  const sheet: SheetTable = { name, headings: [], rows: [] };
  let number = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      number++;
      if (isBlankRow(record)) continue;
      if (sheet.headings.length === 0) sheet.headings = record;
      else sheet.rows.push({ number, cells: record });
      if (sheet.rows.length > MAX_ROWS) throw new ValidationError([{ path: name, message: say.tooManyRows(MAX_ROWS) }]);
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError([{ path: 'file', message: say.notCsv(error instanceof Error ? error.message : String(error)) }]);
  }
  if (sheet.headings.length === 0) throw new ValidationError([{ path: 'file', message: say.empty }]);
  return sheet;
}

function delimiterOf(file: Buffer): string {
  const end = file.indexOf(0x0a);
  const firstLine = file.subarray(0, end < 0 ? Math.min(file.length, 4096) : end).toString('utf8');
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}
