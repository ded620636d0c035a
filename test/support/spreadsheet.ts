import ExcelJS from 'exceljs';
import type { ApiClient, ApiResponse } from './api-client.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** POST /org/import/spreadsheet with the file as the body, as an outside client would send it. */
export async function uploadSpreadsheet(client: ApiClient, file: Buffer | string, contentType: string, query = '', idempotencyKey?: string): Promise<ApiResponse> {
  const headers: Record<string, string> = { 'content-type': contentType, authorization: `Bearer ${client.token}` };
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  const res = await fetch(`${client.baseUrl}/api/v1/org/import/spreadsheet${query}`, { method: 'POST', headers, body: typeof file === 'string' ? file : new Uint8Array(file) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, contentType: res.headers.get('content-type') };
}

/** GET /org/import/template as bytes. */
export async function downloadTemplate(client: ApiClient, query: string): Promise<{ status: number; contentType: string | null; file: Buffer }> {
  const res = await fetch(`${client.baseUrl}/api/v1/org/import/template${query}`, { headers: { authorization: `Bearer ${client.token}` } });
  return { status: res.status, contentType: res.headers.get('content-type'), file: Buffer.from(await res.arrayBuffer()) };
}

/** An XLSX workbook as a person would save it: sheet name → rows (the first row the headings). */
export async function xlsxOf(sheets: Record<string, Array<Array<string | number | null>>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) workbook.addWorksheet(name).addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The rows of every sheet of an XLSX file, as text. */
export async function sheetsOf(file: Buffer): Promise<Record<string, string[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const out: Record<string, string[][]> = {};
  workbook.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    out[sheet.name] = rows;
  });
  return out;
}
