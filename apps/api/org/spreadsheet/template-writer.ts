import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { SHEETS, SHEET_KEYS, columnLetter, type Lang, type SheetKey, type SheetLayout } from './registry-sheets.js';

/** Rows to fill the template with, cell text per field key. */
export type SheetRows = Partial<Record<SheetKey, Iterable<Record<string, string>>>>;

interface WithValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/** Data validation lists cover this many rows; a longer sheet is still read, just without drop-downs below. */
const VALIDATED_ROWS = 200_000;

const INSTRUCTIONS: Record<Lang, { name: string; lines: string[]; columns: [string, string, string] }> = {
  vi: {
    name: 'Hướng dẫn',
    lines: [
      'Mỗi dòng của trang "Đơn vị" là một đơn vị, của trang "Đảng viên" là một đảng viên; dòng 1 là tiêu đề cột, giữ nguyên.',
      'Dữ liệu được cập nhật theo mã: mã đã có thì cập nhật, mã mới thì thêm. Có bất kỳ lỗi nào thì không dữ liệu nào được ghi; mỗi lỗi ghi rõ trang và ô (ví dụ Đảng viên!C14).',
      'Ô không bắt buộc để trống thì giữ nguyên giá trị đã lưu. Các giá trị liệt kê (loại, chức vụ…) chọn trong danh sách.',
    ],
    columns: ['Trang', 'Cột', 'Cách ghi'],
  },
  en: {
    name: 'Instructions',
    lines: [
      'Each row of the "Units" sheet is a unit, each row of the "People" sheet a person; row 1 holds the column headings, keep it.',
      'Records are upserted by id: a known id is updated, a new id added. On any error nothing is written; each error names its sheet and cell (e.g. People!C14).',
      'A blank optional cell keeps the stored value. Listed values (kind, position…) are picked from the drop-down.',
    ],
    columns: ['Sheet', 'Column', 'How to fill it'],
  },
};

/**
 * The registry template as XLSX, written as a stream (a filled province is 110,000 rows): the two
 * data sheets with headings in the caller's language and drop-down lists for the listed values,
 * then an instructions sheet describing every column.
 */
export async function writeXlsxTemplate(out: Writable, lang: Lang, rows: SheetRows = {}): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  for (const key of SHEET_KEYS) {
    const layout = SHEETS[key];
    const sheet = workbook.addWorksheet(layout.name[lang], { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = layout.columns.map((c) => ({ header: c.heading[lang], key: c.key, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    layout.columns.forEach((column, index) => {
      if (!column.values) return;
      const letter = columnLetter(index);
      // The streaming writer keeps data validations; exceljs's typings do not declare them.
      (sheet as unknown as WithValidations).dataValidations.add(`${letter}2:${letter}${VALIDATED_ROWS}`, {
        type: 'list',
        allowBlank: !column.required,
        formulae: [`"${column.values.join(',')}"`],
        showErrorMessage: true,
      });
    });
    for (const row of rows[key] ?? []) sheet.addRow(layout.columns.map((c) => row[c.key] ?? '')).commit();
    sheet.commit();
  }
  writeInstructions(workbook, lang);
  await workbook.commit();
}

function writeInstructions(workbook: ExcelJS.stream.xlsx.WorkbookWriter, lang: Lang): void {
  const text = INSTRUCTIONS[lang];
  const sheet = workbook.addWorksheet(text.name);
  sheet.columns = [{ width: 16 }, { width: 24 }, { width: 90 }];
  for (const line of text.lines) sheet.addRow([line]).commit();
  sheet.addRow([]).commit();
  const heading = sheet.addRow(text.columns);
  heading.font = { bold: true };
  heading.commit();
  for (const layout of Object.values(SHEETS)) {
    for (const column of layout.columns) sheet.addRow([layout.name[lang], column.heading[lang], describe(column, lang)]).commit();
  }
  sheet.commit();
}

function describe(column: SheetLayout['columns'][number], lang: Lang): string {
  const required = lang === 'vi' ? (column.required ? 'Bắt buộc. ' : '') : column.required ? 'Required. ' : '';
  return required + column.hint[lang];
}

/** One sheet as CSV: UTF-8 with a BOM (so Excel reads the accents), CRLF, fields quoted when they need it. */
export function* csvTemplate(key: SheetKey, lang: Lang, rows: Iterable<Record<string, string>> = []): Generator<string> {
  const layout = SHEETS[key];
  yield '\uFEFF' + csvLine(layout.columns.map((c) => c.heading[lang]));
  for (const row of rows) yield csvLine(layout.columns.map((c) => row[c.key] ?? ''));
}

function csvLine(fields: string[]): string {
  return fields.map((f) => (/[",;\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',') + '\r\n';
}
