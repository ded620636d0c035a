import type { UnitKind } from './enums.js';
import type { FieldError } from './errors.js';

/** The levels that report upward, lowest first: each reports before the level above reads it. */
export const REPORT_LEVELS = ['cell', 'grassroots', 'district', 'province'] as const;
export type ReportLevel = (typeof REPORT_LEVELS)[number];

/** Per-level report dates (ISO-8601 UTC); a level left out reports by the cycle's `reportDueAt`. */
export type ReportDueAtByKind = Partial<Record<ReportLevel, string>>;

/** The dates of a cycle calendar the report dates depend on (kept here: calendar.ts checks with this file). */
export interface ReportDates {
  reviewDueAt: string;
  reportDueAt: string;
  reportDueAtByKind?: ReportDueAtByKind;
}

const isReportLevel = (kind: UnitKind): kind is ReportLevel => (REPORT_LEVELS as readonly string[]).includes(kind);

/** When a unit of this kind reports: its level's date, else the cycle's `reportDueAt` (also for `other` units). */
export function reportDueAtFor(calendar: Pick<ReportDates, 'reportDueAt' | 'reportDueAtByKind'>, kind: UnitKind): string {
  return (isReportLevel(kind) ? calendar.reportDueAtByKind?.[kind] : undefined) ?? calendar.reportDueAt;
}

/**
 * A lower level reports no later than the level above it (each level's date as `reportDueAtFor`
 * gives it), and no level before the reviews are due. Every misplaced date is named.
 */
export function checkReportDueDates(calendar: ReportDates, path = 'calendar'): FieldError[] {
  const byKind = calendar.reportDueAtByKind ?? {};
  const errors: FieldError[] = [];
  for (const [i, level] of REPORT_LEVELS.entries()) {
    const own = byKind[level];
    if (own === undefined) continue;
    const where = `${path}.reportDueAtByKind.${level}`;
    if (Date.parse(own) < Date.parse(calendar.reviewDueAt)) errors.push({ path: where, message: `must not be before reviewDueAt (${calendar.reviewDueAt})` });
    const parent = REPORT_LEVELS[i + 1];
    if (parent === undefined) continue;
    const parentDue = reportDueAtFor(calendar, parent);
    if (Date.parse(own) > Date.parse(parentDue)) {
      errors.push({ path: where, message: `must not be after the ${parent} level's report date (${parentDue})` });
    }
  }
  return errors;
}
