import dayjs, { type Dayjs } from 'dayjs';
import { CALENDAR_FIELDS, type CalendarDateField, type CycleCalendar } from '../../../../../libs/domain/calendar';
import { defaultCalendarFor, type CyclePeriod } from '../../../../../libs/domain/cycle-period';
import { REPORT_LEVELS, type ReportDueAtByKind, type ReportLevel } from '../../../../../libs/domain/report-due-dates';

// The calendar is edited as days in Vietnam (UTC+7 all year, no daylight saving), whatever the
// device's zone: a due date means "by the end of that day"; the self-assessment opens at its start.
const VN_OFFSET = '+07:00';
const vnParts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

type DateDays = Record<CalendarDateField, Dayjs>;

/** The six dates, and the optional report date of each level (empty = the cycle's report date). */
export type CalendarDays = DateDays & { reportDueAtByKind?: Partial<Record<ReportLevel, Dayjs | null>> };

/** The day an instant falls on in Vietnam, as a date picker value. */
export function dayOf(iso: string): Dayjs {
  const [y, m, d] = vnParts.format(new Date(iso)).split('-').map(Number);
  return dayjs(new Date(y!, m! - 1, d!));
}

/** A picked day back to the instant the API stores (a level's report date is a due date). */
export function instantOf(field: CalendarDateField | ReportLevel, day: Dayjs): string {
  const time = field === 'selfAssessmentOpensAt' ? '00:00:00' : '23:59:59';
  return new Date(`${day.format('YYYY-MM-DD')}T${time}${VN_OFFSET}`).toISOString();
}

/** Guidance 43's calendar for a year, or a quarter's inside its months (libs/domain), on the days it names. */
export function guidanceDays(year: number, period: CyclePeriod = { kind: 'year' }): CalendarDays {
  const calendar = defaultCalendarFor(year, period);
  // The domain writes the days at UTC; its day, not Vietnam's next morning, is the one meant.
  return Object.fromEntries(CALENDAR_FIELDS.map((f) => [f, dayjs(calendar[f].slice(0, 10))])) as DateDays;
}

export function daysOf(calendar: CycleCalendar): CalendarDays {
  const days = Object.fromEntries(CALENDAR_FIELDS.map((f) => [f, dayOf(calendar[f])])) as DateDays;
  const byKind = calendar.reportDueAtByKind ?? {};
  return { ...days, reportDueAtByKind: Object.fromEntries(REPORT_LEVELS.map((level) => [level, byKind[level] ? dayOf(byKind[level]!) : null])) };
}

/** The levels given a report date of their own, as the API takes them. */
function byKindOf(days: CalendarDays['reportDueAtByKind']): ReportDueAtByKind {
  const out: ReportDueAtByKind = {};
  for (const level of REPORT_LEVELS) if (days?.[level]) out[level] = instantOf(level, days[level]!);
  return out;
}

/**
 * The calendar to send: every field, or only those whose day changed. The per-level report dates
 * go as one object (the API replaces it whole), only when a level has one, or had one before.
 */
export function calendarOf(days: CalendarDays, before?: CalendarDays): Partial<CycleCalendar> {
  const out: Partial<CycleCalendar> = {};
  for (const f of CALENDAR_FIELDS) if (days[f] && (!before || !days[f].isSame(before[f], 'day'))) out[f] = instantOf(f, days[f]);
  const byKind = byKindOf(days.reportDueAtByKind);
  const earlier = byKindOf(before?.reportDueAtByKind);
  const changed = JSON.stringify(byKind) !== JSON.stringify(earlier);
  if (before ? changed : Object.keys(byKind).length > 0) out.reportDueAtByKind = byKind;
  return out;
}
