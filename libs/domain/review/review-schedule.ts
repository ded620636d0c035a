import { DEFAULT_ESCALATE_AFTER_SECONDS, DEFAULT_REMIND_BEFORE_SECONDS, dueAtFor, opensAtFor, type CycleCalendar } from '../calendar.js';
import { record, type Transition } from './transition.js';
import type { NoticeKind, OpenTask, ReviewEventType, ReviewState } from './review-state.js';

// What the calendar does to a review on its own: a step opens at its date, the assignee is
// reminded before the due date and told at it, the assignee's head is told after it. The review
// workflow sleeps until `nextTimedAction` and applies it; an administrator's date change
// reschedules the open task. All pure: the workflow passes the time.

/** The actor recorded for what the calendar does by itself. */
export const CALENDAR_ACTOR = 'system:calendar';

export interface TimedAction {
  kind: 'open' | NoticeKind;
  at: string;
  taskId: string;
}

/** The next thing the calendar will do to this review's open task, or null when nothing is left. */
export function nextTimedAction(state: ReviewState): TimedAction | null {
  const task = state.task;
  if (state.status !== 'open' || !state.calendarTimed || task === null) return null;
  if (task.opensAt !== undefined) return { kind: 'open', at: task.opensAt, taskId: task.id };
  const notice = nextNotice(task, state.calendar);
  return notice ? { ...notice, taskId: task.id } : null;
}

/**
 * The next notice due about an open task: a reminder before its due date, the overdue notice at
 * it, the escalation to the assignee's head after it; null once all went out. Shared by review
 * tasks and the units' report tasks.
 */
export function nextNotice(
  task: { dueAt: string; createdAt: string; notices?: readonly NoticeKind[] },
  calendar: Pick<CycleCalendar, 'remindBeforeSeconds' | 'escalateAfterSeconds'>,
): { kind: NoticeKind; at: string } | null {
  const sent = new Set(task.notices ?? []);
  // A task created inside the reminder window gets no reminder: its creation was the notice.
  const created = Date.parse(task.createdAt);
  for (const [kind, at] of noticeTimes(Date.parse(task.dueAt), calendar)) {
    if (sent.has(kind) || (kind === 'reminder' && at <= created)) continue;
    return { kind, at: new Date(at).toISOString() };
  }
  return null;
}

type NoticeOffsets = Pick<CycleCalendar, 'remindBeforeSeconds' | 'escalateAfterSeconds'>;

/** How long before its due date a task is reminded, and after it escalated, in ms (the calendar's, else the defaults). */
export function noticeOffsetsMs(calendar: NoticeOffsets): { remindBeforeMs: number; escalateAfterMs: number } {
  return {
    remindBeforeMs: (calendar.remindBeforeSeconds ?? DEFAULT_REMIND_BEFORE_SECONDS) * 1000,
    escalateAfterMs: (calendar.escalateAfterSeconds ?? DEFAULT_ESCALATE_AFTER_SECONDS) * 1000,
  };
}

/** When each notice about a task due at `dueMs` is due, in the order they go out (a review's own timers and the cycle's sweep alike). */
export function noticeTimes(dueMs: number, calendar: NoticeOffsets): Array<[NoticeKind, number]> {
  const { remindBeforeMs, escalateAfterMs } = noticeOffsetsMs(calendar);
  return [
    ['reminder', dueMs - remindBeforeMs],
    ['overdue', dueMs],
    ['escalation', dueMs + escalateAfterMs],
  ];
}

/** The history event a notice shows as. */
export const NOTICE_EVENT_TYPE: Record<NoticeKind, ReviewEventType> = { reminder: 'task.reminded', overdue: 'task.overdue', escalation: 'task.escalated' };

/** The longest a notice waits past its time, so that the reviews of a cycle do not all wake at once. */
export const NOTICE_SPREAD_SECONDS = 240;

/**
 * When a review wakes for a notice (since notice-wave-spread-v1): the notice's time plus an offset
 * of the review's own, from its id, so that a cycle's thousands of reviews sharing a due date are
 * woken over a few minutes instead of at one instant. Never before the notice's time, and at most
 * half the interval to the next notice (a reminder still comes before the due date, an overdue
 * notice before the escalation); a calendar in seconds spreads over seconds.
 */
export function noticeWakeAt(reviewId: string, notice: { kind: NoticeKind; at: string }, calendar: Pick<CycleCalendar, 'remindBeforeSeconds' | 'escalateAfterSeconds'>): string {
  const interval = notice.kind === 'reminder' ? (calendar.remindBeforeSeconds ?? DEFAULT_REMIND_BEFORE_SECONDS) : (calendar.escalateAfterSeconds ?? DEFAULT_ESCALATE_AFTER_SECONDS);
  const spreadMs = Math.min(NOTICE_SPREAD_SECONDS, interval / 2) * 1000;
  return new Date(Date.parse(notice.at) + Math.floor(fractionOf(reviewId) * spreadMs)).toISOString();
}

/** A stable number in [0, 1) from a text (FNV-1a): the same review always takes the same place in the spread. */
function fractionOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash / 2 ** 32;
}

/** The step whose date has come opens: its task becomes actionable. */
export function openTask(state: ReviewState, at: string): Transition {
  const { opensAt: _opened, ...task } = state.task!;
  return record(state, { ...state, task }, CALENDAR_ACTOR, 'step.opened', at, { taskId: task.id, kind: task.kind, assigneeId: task.assigneeId });
}

/** A notice about the open task went out; recorded so it is sent once and shows in the history. */
export function recordNotice(state: ReviewState, kind: NoticeKind, recipientId: string, at: string): Transition {
  const task: OpenTask = { ...state.task!, notices: [...(state.task!.notices ?? []), kind] };
  return record(state, { ...state, task }, CALENDAR_ACTOR, NOTICE_EVENT_TYPE[kind], at, { taskId: task.id, assigneeId: task.assigneeId, recipientId, dueAt: task.dueAt });
}

/**
 * An administrator moved the cycle's dates: the open task takes its new due date (notices not
 * yet due go out again on the new schedule) and a step not open yet its new opening date.
 * Returns null when nothing about this review changes.
 */
export function reschedule(state: ReviewState, calendar: CycleCalendar, actorId: string, at: string): Transition | null {
  if (state.status !== 'open') return null;
  const task = state.task;
  let nextTask: OpenTask | null = task;
  if (task !== null) {
    const dueAt = dueAtFor(calendar, task.kind);
    const opensAt = task.opensAt !== undefined ? opensAtFor(calendar, task.kind) : null;
    const { opensAt: _old, notices, ...rest } = task;
    nextTask = { ...rest, dueAt };
    if (opensAt !== null && Date.parse(opensAt) > Date.parse(at)) nextTask.opensAt = opensAt;
    // Notices already sent stay sent unless the date they were about moved.
    const kept = dueAt === task.dueAt ? (notices ?? []) : [];
    if (kept.length > 0) nextTask.notices = kept;
  }
  if (JSON.stringify(calendar) === JSON.stringify(state.calendar) && JSON.stringify(nextTask) === JSON.stringify(task)) return null;
  return record(state, { ...state, calendar, task: nextTask }, actorId, 'calendar.changed', at, {
    calendar,
    taskId: nextTask?.id ?? null,
    dueAt: nextTask?.dueAt ?? null,
    opensAt: nextTask?.opensAt ?? null,
  });
}
