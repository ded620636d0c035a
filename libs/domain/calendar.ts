import type { FieldError } from './errors.js';
import type { TaskKind } from './enums.js';
import { checkReportDueDates, type ReportDueAtByKind } from './report-due-dates.js';

/** When each step of a cycle is due (ISO-8601 UTC). */
export interface CycleCalendar {
  targetsDueAt: string;
  selfAssessmentOpensAt: string;
  selfAssessmentDueAt: string;
  reviewDueAt: string;
  remediationDueAt: string;
  reportDueAt: string;
  /** Report dates per level (cell, grassroots, district, province), lower levels first; absent: `reportDueAt`. */
  reportDueAtByKind?: ReportDueAtByKind;
  /** How long before a due date the assignee is reminded (default three days). */
  remindBeforeSeconds?: number;
  /** How long after a due date the assignee's own head is told the task is late (default three days). */
  escalateAfterSeconds?: number;
}

export const DEFAULT_REMIND_BEFORE_SECONDS = 3 * 24 * 3600;
export const DEFAULT_ESCALATE_AFTER_SECONDS = 3 * 24 * 3600;

export const CALENDAR_FIELDS = [
  'targetsDueAt',
  'selfAssessmentOpensAt',
  'selfAssessmentDueAt',
  'reviewDueAt',
  'remediationDueAt',
  'reportDueAt',
] as const satisfies ReadonlyArray<keyof CycleCalendar>;
export type CalendarDateField = (typeof CALENDAR_FIELDS)[number];

/**
 * Defaults after Guidance 43-HD/BTCTW: targets early in the year, reviews finished before
 * 31 Dec, remediation plans and reports before 15 Jan (files reach the centre before 1 Feb).
 */
export function defaultCalendar(year: number): CycleCalendar {
  const at = (y: number, month: number, day: number) => new Date(Date.UTC(y, month - 1, day, 23, 59, 59)).toISOString();
  return {
    targetsDueAt: at(year, 3, 31),
    selfAssessmentOpensAt: new Date(Date.UTC(year, 11, 1)).toISOString(),
    selfAssessmentDueAt: at(year, 12, 15),
    reviewDueAt: at(year, 12, 31),
    remediationDueAt: at(year + 1, 1, 15),
    reportDueAt: at(year + 1, 1, 15),
    remindBeforeSeconds: DEFAULT_REMIND_BEFORE_SECONDS,
    escalateAfterSeconds: DEFAULT_ESCALATE_AFTER_SECONDS,
  };
}

export function dueAtFor(calendar: CycleCalendar, kind: TaskKind): string {
  switch (kind) {
    case 'assign_targets':
      return calendar.targetsDueAt;
    case 'self_assess':
      return calendar.selfAssessmentDueAt;
    case 'review':
      return calendar.reviewDueAt;
    case 'submit_remediation':
    case 'decide_remediation':
      return calendar.remediationDueAt;
    case 'calibrate':
    case 'submit_report':
      // The cycle-wide date; a unit's own report task takes its level's (report-due-dates.ts).
      return calendar.reportDueAt;
  }
}

/** When a task of this kind can first be acted on; null when as soon as it is created. */
export function opensAtFor(calendar: CycleCalendar, kind: TaskKind): string | null {
  return kind === 'self_assess' ? calendar.selfAssessmentOpensAt : null;
}

/** Dates must follow the year's order; every misplaced one is named. */
export function checkCalendar(calendar: CycleCalendar, path = 'calendar'): FieldError[] {
  const errors: FieldError[] = [];
  const before = (a: CalendarDateField, b: CalendarDateField) => {
    if (Date.parse(calendar[a]) > Date.parse(calendar[b])) errors.push({ path: `${path}.${b}`, message: `must not be before ${a} (${calendar[a]})` });
  };
  before('selfAssessmentOpensAt', 'selfAssessmentDueAt');
  before('targetsDueAt', 'selfAssessmentDueAt');
  before('selfAssessmentDueAt', 'reviewDueAt');
  before('reviewDueAt', 'remediationDueAt');
  before('reviewDueAt', 'reportDueAt');
  errors.push(...checkReportDueDates(calendar, path));
  return errors;
}
