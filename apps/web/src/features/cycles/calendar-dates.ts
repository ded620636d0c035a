import dayjs, { type Dayjs } from 'dayjs';
import { CALENDAR_FIELDS, type CalendarDateField, type CycleCalendar } from '../../../../../libs/domain/calendar';
import { defaultCalendarFor, type CyclePeriod } from '../../../../../libs/domain/cycle-period';

// The calendar is edited as days in Vietnam (UTC+7 all year, no daylight saving), whatever the
// device's zone: a due date means "by the end of that day"; the self-assessment opens at its start.
const VN_OFFSET = '+07:00';
const vnParts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

export type CalendarDays = Record<CalendarDateField, Dayjs>;

/** The day an instant falls on in Vietnam, as a date picker value. */
export function dayOf(iso: string): Dayjs {
  const [y, m, d] = vnParts.format(new Date(iso)).split('-').map(Number);
  return dayjs(new Date(y!, m! - 1, d!));
}

/** A picked day back to the instant the API stores. */
export function instantOf(field: CalendarDateField, day: Dayjs): string {
  const time = field === 'selfAssessmentOpensAt' ? '00:00:00' : '23:59:59';
  return new Date(`${day.format('YYYY-MM-DD')}T${time}${VN_OFFSET}`).toISOString();
}

/** Guidance 43's calendar for a year, or a quarter's inside its months (libs/domain), on the days it names. */
export function guidanceDays(year: number, period: CyclePeriod = { kind: 'year' }): CalendarDays {
  const calendar = defaultCalendarFor(year, period);
  // The domain writes the days at UTC; its day, not Vietnam's next morning, is the one meant.
  return Object.fromEntries(CALENDAR_FIELDS.map((f) => [f, dayjs(calendar[f].slice(0, 10))])) as CalendarDays;
}

export function daysOf(calendar: CycleCalendar): CalendarDays {
  return Object.fromEntries(CALENDAR_FIELDS.map((f) => [f, dayOf(calendar[f])])) as CalendarDays;
}

/** The calendar to send: every field, or only those whose day changed. */
export function calendarOf(days: CalendarDays, before?: CalendarDays): Partial<CycleCalendar> {
  const out: Partial<CycleCalendar> = {};
  for (const f of CALENDAR_FIELDS) if (days[f] && (!before || !days[f].isSame(before[f], 'day'))) out[f] = instantOf(f, days[f]);
  return out;
}
