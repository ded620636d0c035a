import type { Response } from 'express';
import { formatDateTime, type DocumentLang } from '../documents/document-format.js';
import { drained } from '../documents/response-stream.js';
import type { AuditRow } from './audit-query.js';

const BOM = '\uFEFF';

const HEADERS: Record<DocumentLang, string[]> = {
  vi: ['STT', 'Thời gian (giờ Việt Nam)', 'at (ISO, UTC)', 'Người thực hiện', 'Thao tác', 'Đối tượng', 'Mã yêu cầu', 'Kết quả', 'Mã HTTP', 'Đợt', 'Đơn vị', 'Chi tiết'],
  en: ['seq', 'Time (Vietnam)', 'at (ISO, UTC)', 'actorId', 'action', 'target', 'requestId', 'outcome', 'status', 'cycleId', 'unitId', 'detail'],
};

/**
 * One CSV field (RFC 4180). A text starting with = + - @ or a control character is prefixed with
 * an apostrophe, so a spreadsheet opening the file never runs a formula someone typed as an id.
 */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: Array<string | number | null>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Writes the BOM and the header: Excel then reads the file as UTF-8 (Vietnamese intact). */
export function writeAuditCsvHeader(res: Response, lang: DocumentLang): void {
  res.write(BOM + csvLine(HEADERS[lang]));
}

/** Writes one batch of entries, then waits if the client has not taken the previous ones yet. */
export async function writeAuditCsvRows(res: Response, rows: AuditRow[]): Promise<void> {
  let chunk = '';
  for (const r of rows) {
    chunk += csvLine([Number(r.seq), formatDateTime(r.at), r.at.toISOString(), r.actor_id, r.action, r.target, r.request_id, r.outcome, r.status, r.cycle_id, r.unit_id, r.detail]);
  }
  res.write(chunk);
  await drained(res);
}
