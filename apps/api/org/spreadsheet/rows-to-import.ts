import type { FieldError } from '../../../../libs/domain/errors.js';
import { DISCIPLINE_LEVELS, ROLES } from '../../../../libs/domain/enums.js';
import type { PersonImport, UnitImport } from '../../../../libs/domain/org/import-rules.js';
import { columnForHeading, columnLetter, NO_MANAGING_UNIT, type Lang, type SheetLayout } from './registry-sheets.js';
import type { SheetTable } from './sheet-table.js';
import type { SpreadsheetMessages } from './spreadsheet-messages.js';

/** A sheet bound to its layout: where each field's column is, and which spreadsheet row each record came from. */
export interface BoundSheet {
  name: string;
  layout: SheetLayout;
  columnOf: Map<string, number>;
  rowNumbers: number[];
}

/** Where a cell is, as a spreadsheet names it: `Đảng viên!C14`. */
export function cellName(sheet: BoundSheet, index: number, key: string): string {
  const column = sheet.columnOf.get(key) ?? sheet.columnOf.get('id') ?? 0;
  return `${sheet.name}!${columnLetter(column)}${sheet.rowNumbers[index]}`;
}

/** Finds each field's column by its heading (either language); a missing required column is an error. */
export function bindColumns(table: SheetTable, layout: SheetLayout, lang: Lang, say: SpreadsheetMessages): { sheet: BoundSheet; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const columnOf = new Map<string, number>();
  table.headings.forEach((heading, index) => {
    const column = columnForHeading(layout, heading);
    if (!column) return; // a column of one's own (notes) is left alone
    if (columnOf.has(column.key)) errors.push({ path: `${table.name}!${columnLetter(index)}1`, message: say.duplicateColumn(heading) });
    else columnOf.set(column.key, index);
  });
  for (const column of layout.columns) {
    if (column.required && !columnOf.has(column.key)) errors.push({ path: table.name, message: say.missingColumn(column.heading[lang]) });
  }
  return { sheet: { name: table.name, layout, columnOf, rowNumbers: table.rows.map((r) => r.number) }, errors };
}

type Cells = (key: string) => string | undefined;

/**
 * The records of a bound sheet as the JSON import takes them, with the errors only a cell can
 * show (blank required cell, value not in the list, a list cell that does not parse). A blank
 * optional cell, or a missing optional column, is omitted: the stored value stays.
 */
export function recordsOf<T>(table: SheetTable, sheet: BoundSheet, say: SpreadsheetMessages, build: (cells: Cells, fail: (key: string, message: string) => void) => T): { records: T[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const records = table.rows.map((row, index) => {
    const fail = (key: string, message: string) => errors.push({ path: cellName(sheet, index, key), message });
    const cells: Cells = (key) => {
      const column = sheet.columnOf.get(key);
      return column === undefined ? undefined : (row.cells[column] ?? '');
    };
    for (const column of sheet.layout.columns) {
      const text = cells(column.key) ?? '';
      if (column.required && text === '') fail(column.key, say.required);
      else if (column.values && text !== '' && !column.values.includes(text)) fail(column.key, say.notInList(column.values.join(', ')));
    }
    return build(cells, fail);
  });
  return { records, errors };
}

export function unitFromCells(cells: Cells): UnitImport {
  const unit: UnitImport = { id: cells('id') ?? '', parentId: cells('parentId') || null, name: cells('name') ?? '', kind: (cells('kind') ?? '') as UnitImport['kind'] };
  if (cells('mergedInto')) unit.mergedInto = cells('mergedInto')!;
  if (cells('dissolved') === 'true') unit.dissolved = true;
  return unit;
}

export function personFromCells(say: SpreadsheetMessages): (cells: Cells, fail: (key: string, message: string) => void) => PersonImport {
  return (cells, fail) => {
    const person: PersonImport = { id: cells('id') ?? '', name: cells('name') ?? '', unitId: cells('unitId') ?? '', position: (cells('position') ?? '') as PersonImport['position'] };
    const optional = (key: 'email' | 'username' | 'password' | 'status') => {
      const text = cells(key);
      if (text) (person as unknown as Record<string, string>)[key] = text;
    };
    optional('email');
    optional('username');
    optional('password');
    optional('status');
    const roles = cells('roles');
    if (roles) person.roles = parseRoles(roles) ?? (fail('roles', say.badRole), []);
    const discipline = cells('discipline');
    if (discipline) person.discipline = parseDiscipline(discipline) ?? (fail('discipline', say.badDiscipline), []);
    const managing = cells('managedByUnitId');
    if (managing) person.managedByUnitId = managing === NO_MANAGING_UNIT ? null : managing;
    return person;
  };
}

/** `admin:d1; auditor:d2` */
function parseRoles(text: string): PersonImport['roles'] | null {
  const roles: NonNullable<PersonImport['roles']> = [];
  for (const item of splitList(text)) {
    const [role, unitId, ...rest] = item.split(':').map((s) => s.trim());
    if (!role || !unitId || rest.length > 0 || !(ROLES as readonly string[]).includes(role)) return null;
    roles.push({ role: role as (typeof ROLES)[number], unitId });
  }
  return roles;
}

/** The flags a discipline record may carry after its level, each at most once, in any order. */
const DISCIPLINE_FLAGS = ['self', 'duty'] as const;

/** `2024:reprimand; 2023:warning:self; 2024:reprimand:duty` */
function parseDiscipline(text: string): PersonImport['discipline'] | null {
  const records: NonNullable<PersonImport['discipline']> = [];
  for (const item of splitList(text)) {
    const [year, level, ...flags] = item.split(':').map((s) => s.trim());
    if (!year || !/^\d{4}$/.test(year) || !level || !(DISCIPLINE_LEVELS as readonly string[]).includes(level)) return null;
    if (flags.some((f) => !(DISCIPLINE_FLAGS as readonly string[]).includes(f)) || new Set(flags).size !== flags.length) return null;
    records.push({
      year: Number(year),
      level: level as (typeof DISCIPLINE_LEVELS)[number],
      ...(flags.includes('self') ? { selfDetected: true } : {}),
      ...(flags.includes('duty') ? { dutyRelated: true } : {}),
    });
  }
  return records;
}

function splitList(text: string): string[] {
  return text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The cells of a stored record, for the filled template: the inverse of the parsing above. */
export function rolesText(roles: ReadonlyArray<{ role: string; unitId: string }> | null | undefined): string {
  return (roles ?? []).map((r) => `${r.role}:${r.unitId}`).join('; ');
}

export function disciplineText(records: ReadonlyArray<{ year: number; level: string; selfDetected?: boolean | null; dutyRelated?: boolean | null }> | null | undefined): string {
  return (records ?? []).map((d) => `${d.year}:${d.level}${d.selfDetected ? ':self' : ''}${d.dutyRelated ? ':duty' : ''}`).join('; ');
}
