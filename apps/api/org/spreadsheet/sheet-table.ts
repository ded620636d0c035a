/** One sheet as read from a file: its heading row and its non-blank rows as trimmed text, with their row numbers. */
export interface SheetTable {
  name: string;
  headings: string[];
  rows: SheetRow[];
}

export interface SheetRow {
  /** The row's number as the spreadsheet shows it (the heading row is 1). */
  number: number;
  cells: string[];
}

/** Rows beyond this in one sheet are refused before they are converted: the JSON import's own bound. */
export const MAX_ROWS = 1_000_000;

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => c === '');
}
