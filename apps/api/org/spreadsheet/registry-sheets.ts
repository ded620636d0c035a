import { DISCIPLINE_LEVELS, PERSON_STATUSES, POSITIONS, ROLES, UNIT_KINDS } from '../../../../libs/domain/enums.js';
import { foldAccents } from '../accent-fold.js';

// The spreadsheet layout of the registry: one sheet per list of the JSON import (`units`,
// `people`), one column per field, headed in Vietnamese or English. Cells hold the API's values
// (enum codes, ids); a list cell (roles, discipline) holds items separated by ';'.

export type Lang = 'vi' | 'en';
export type SheetKey = 'units' | 'people';
export const SHEET_KEYS: readonly SheetKey[] = ['units', 'people'];

export interface SheetColumn {
  /** The JSON import's field name. */
  key: string;
  heading: Record<Lang, string>;
  /** A blank cell is an error; a blank optional cell leaves the stored value as it is. */
  required: boolean;
  /** Allowed values, offered as a drop-down list in the XLSX template. */
  values?: readonly string[];
  hint: Record<Lang, string>;
  width: number;
}

export interface SheetLayout {
  key: SheetKey;
  name: Record<Lang, string>;
  columns: readonly SheetColumn[];
}

const list = (values: readonly string[]) => values.join(', ');

export const UNITS_SHEET: SheetLayout = {
  key: 'units',
  name: { vi: 'Đơn vị', en: 'Units' },
  columns: [
    { key: 'id', heading: { vi: 'Mã đơn vị', en: 'Unit id' }, required: true, width: 22, hint: { vi: 'Mã duy nhất của đơn vị', en: 'Unique id of the unit' } },
    { key: 'parentId', heading: { vi: 'Mã đơn vị cấp trên', en: 'Parent unit id' }, required: false, width: 22, hint: { vi: 'Để trống nếu là đơn vị cao nhất', en: 'Blank for a top unit' } },
    { key: 'name', heading: { vi: 'Tên đơn vị', en: 'Name' }, required: true, width: 36, hint: { vi: 'Tên đầy đủ', en: 'Full name' } },
    { key: 'kind', heading: { vi: 'Loại', en: 'Kind' }, required: true, values: UNIT_KINDS, width: 14, hint: { vi: list(UNIT_KINDS), en: list(UNIT_KINDS) } },
    {
      key: 'mergedInto',
      heading: { vi: 'Sáp nhập vào', en: 'Merged into' },
      required: false,
      width: 22,
      hint: { vi: 'Mã đơn vị tiếp nhận; chuyển hết đảng viên và đơn vị trực thuộc đi trước', en: 'Id of the receiving unit; move its people and child units out first' },
    },
    {
      key: 'dissolved',
      heading: { vi: 'Giải thể', en: 'Dissolved' },
      required: false,
      values: ['true'],
      width: 12,
      hint: { vi: 'true: giải thể; để trống: giữ nguyên', en: 'true: dissolved; blank: unchanged' },
    },
  ],
};

/** The cell that clears a person's managing committee (a blank cell keeps the stored one). */
export const NO_MANAGING_UNIT = '-';

export const PEOPLE_SHEET: SheetLayout = {
  key: 'people',
  name: { vi: 'Đảng viên', en: 'People' },
  columns: [
    { key: 'id', heading: { vi: 'Mã đảng viên', en: 'Person id' }, required: true, width: 22, hint: { vi: 'Mã duy nhất của đảng viên', en: 'Unique id of the person' } },
    { key: 'name', heading: { vi: 'Họ và tên', en: 'Name' }, required: true, width: 30, hint: { vi: 'Họ và tên đầy đủ', en: 'Full name' } },
    { key: 'unitId', heading: { vi: 'Mã đơn vị', en: 'Unit id' }, required: true, width: 22, hint: { vi: 'Mã đơn vị sinh hoạt', en: 'Id of the unit the person belongs to' } },
    { key: 'position', heading: { vi: 'Chức vụ', en: 'Position' }, required: true, values: POSITIONS, width: 18, hint: { vi: list(POSITIONS), en: list(POSITIONS) } },
    { key: 'email', heading: { vi: 'Email', en: 'Email' }, required: false, width: 26, hint: { vi: 'Không bắt buộc', en: 'Optional' } },
    { key: 'status', heading: { vi: 'Trạng thái', en: 'Status' }, required: false, values: PERSON_STATUSES, width: 12, hint: { vi: `${list(PERSON_STATUSES)}; để trống: giữ nguyên`, en: `${list(PERSON_STATUSES)}; blank: unchanged` } },
    { key: 'username', heading: { vi: 'Tên đăng nhập', en: 'Login username' }, required: false, width: 20, hint: { vi: 'Chỉ khi người này cần đăng nhập', en: 'Only for people who log in' } },
    { key: 'password', heading: { vi: 'Mật khẩu', en: 'Login password' }, required: false, width: 18, hint: { vi: 'Ít nhất 8 ký tự; để trống: giữ nguyên', en: 'At least 8 characters; blank: unchanged' } },
    {
      key: 'roles',
      heading: { vi: 'Vai trò', en: 'Roles' },
      required: false,
      width: 26,
      hint: { vi: `vai trò:mã đơn vị, cách nhau bởi ';' (vai trò: ${list(ROLES)})`, en: `role:unit id, separated by ';' (role: ${list(ROLES)})` },
    },
    {
      key: 'discipline',
      heading: { vi: 'Kỷ luật', en: 'Discipline records' },
      required: false,
      width: 30,
      hint: {
        vi: `năm:hình thức[:self][:duty], cách nhau bởi ';' (hình thức: ${list(DISCIPLINE_LEVELS)}; self = tự phát hiện và khắc phục; duty = vi phạm trong thực hiện nhiệm vụ)`,
        en: `year:level[:self][:duty], separated by ';' (level: ${list(DISCIPLINE_LEVELS)}; self = self-detected and remedied; duty = a violation in the performance of duty)`,
      },
    },
    {
      key: 'managedByUnitId',
      heading: { vi: 'Thuộc diện cấp ủy cấp trên quản lý', en: 'Managed by committee of' },
      required: false,
      width: 24,
      hint: {
        vi: `Mã đơn vị cấp trên có Ban Thường vụ quản lý đảng viên này (xem xét thêm sau cấp quyết định xếp loại); '${NO_MANAGING_UNIT}': bỏ; để trống: giữ nguyên`,
        en: `Id of the higher unit whose standing committee manages this person (an extra review after the decision); '${NO_MANAGING_UNIT}': none; blank: unchanged`,
      },
    },
  ],
};

export const SHEETS: Record<SheetKey, SheetLayout> = { units: UNITS_SHEET, people: PEOPLE_SHEET };

/** Headings compare accent-, case- and space-insensitively, in either language or as the JSON field name. */
export function foldHeading(text: string): string {
  return foldAccents(text).replace(/\s+/g, ' ').trim();
}

export function columnForHeading(layout: SheetLayout, heading: string): SheetColumn | undefined {
  const folded = foldHeading(heading);
  return layout.columns.find((c) => [c.heading.vi, c.heading.en, c.key].some((h) => foldHeading(h) === folded));
}

/** The layout a sheet name stands for, in either language. */
export function layoutForSheetName(name: string): SheetLayout | undefined {
  const folded = foldHeading(name);
  return Object.values(SHEETS).find((l) => [l.name.vi, l.name.en, l.key].some((n) => foldHeading(n) === folded));
}

/** The spreadsheet's column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
