import type { FieldError } from '../../../../libs/domain/errors.js';
import type { Lang, SheetKey } from './registry-sheets.js';
import { cellName, type BoundSheet } from './rows-to-import.js';
import { SPREADSHEET_MESSAGES, translateRuleMessage } from './spreadsheet-messages.js';

const FIELD_PATH = /^(units|people)\[(\d+)\](?:\.(\w+))?/;
const RECORD_MENTION = /\b(units|people)\[(\d+)\]/g;

/**
 * The JSON import names a field by its path (`people[12].unitId`); a spreadsheet user needs the
 * cell (`Đảng viên!C14`) and a sentence in their language. A path naming a whole record points
 * at its id cell; a record named inside a message (`also people[3]`) becomes its row.
 */
export function errorsByCell(errors: readonly FieldError[], sheets: Partial<Record<SheetKey, BoundSheet>>, lang: Lang): FieldError[] {
  const rowOf = (key: string, index: string) => {
    const sheet = sheets[key as SheetKey];
    return sheet ? SPREADSHEET_MESSAGES[lang].row(sheet.name, sheet.rowNumbers[Number(index)]!) : `${key}[${index}]`;
  };
  return errors.map(({ path, message }) => {
    const match = FIELD_PATH.exec(path);
    const sheet = match ? sheets[match[1] as SheetKey] : undefined;
    const located = match && sheet ? cellName(sheet, Number(match[2]), match[3] ?? 'id') : path;
    return { path: located, message: translateRuleMessage(message, lang).replace(RECORD_MENTION, (_, key: string, index: string) => rowOf(key, index)) };
  });
}
