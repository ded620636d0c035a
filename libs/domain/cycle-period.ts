import { defaultCalendar, DEFAULT_ESCALATE_AFTER_SECONDS, DEFAULT_REMIND_BEFORE_SECONDS, type CycleCalendar } from './calendar.js';

// Regulation 366 reviews yearly, quarterly, at the end of a term and when needed (ad hoc).
export const PERIOD_KINDS = ['year', 'quarter', 'term', 'ad_hoc'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** What a cycle reviews within its year. A cycle launched before periods existed is `{ kind: 'year' }`. */
export type CyclePeriod = { kind: 'year' } | { kind: 'quarter'; /** 1 to 4 */ quarter: number } | { kind: 'term' } | { kind: 'ad_hoc'; title: string };

export const YEAR_PERIOD: CyclePeriod = { kind: 'year' };

/**
 * The period's identity within (year, root unit): at most one cycle per key. Ad hoc reviews are
 * told apart by their title, ignoring case and surrounding spaces.
 */
export function periodKey(period: CyclePeriod): string {
  switch (period.kind) {
    case 'year':
    case 'term':
      return period.kind;
    case 'quarter':
      return `quarter:${period.quarter}`;
    case 'ad_hoc':
      return `ad_hoc:${period.title.trim().normalize('NFC').toLocaleLowerCase('vi')}`;
  }
}

/** Words for messages and default titles (English; the web app has its own Vietnamese). */
export function periodLabel(year: number, period: CyclePeriod): string {
  switch (period.kind) {
    case 'year':
      return `${year}`;
    case 'quarter':
      return `Q${period.quarter}/${year}`;
    case 'term':
      return `term ending ${year}`;
    case 'ad_hoc':
      return `${period.title.trim()} (${year})`;
  }
}

/**
 * The default calendar of a period. A quarter follows the year's pattern inside its three months:
 * targets by the 15th of the first month, self-assessment from the 1st to the 20th of the last,
 * reviews by the quarter's last day, remediation and report by the 15th of the next month. A term
 * or ad hoc review keeps the year's calendar (its admin usually gives the dates).
 */
export function defaultCalendarFor(year: number, period: CyclePeriod): CycleCalendar {
  if (period.kind !== 'quarter') return defaultCalendar(year);
  const first = (period.quarter - 1) * 3; // 0-based month the quarter starts in
  const at = (month: number, day: number) => new Date(Date.UTC(year, month, day, 23, 59, 59)).toISOString();
  return {
    targetsDueAt: at(first, 15),
    selfAssessmentOpensAt: new Date(Date.UTC(year, first + 2, 1)).toISOString(),
    selfAssessmentDueAt: at(first + 2, 20),
    reviewDueAt: at(first + 3, 0), // day 0 of the next month: the quarter's last day
    remediationDueAt: at(first + 3, 15),
    reportDueAt: at(first + 3, 15),
    remindBeforeSeconds: DEFAULT_REMIND_BEFORE_SECONDS,
    escalateAfterSeconds: DEFAULT_ESCALATE_AFTER_SECONDS,
  };
}
