import { DEFAULT_ESCALATE_AFTER_SECONDS, DEFAULT_REMIND_BEFORE_SECONDS, dueAtFor, opensAtFor, type CycleCalendar } from '../calendar.js';
import { record, type Transition } from './review-machine.js';
import type { NoticeKind, OpenTask, ReviewState } from './review-state.js';

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
  const due = Date.parse(task.dueAt);
  const remindBefore = (calendar.remindBeforeSeconds ?? DEFAULT_REMIND_BEFORE_SECONDS) * 1000;
  const escalateAfter = (calendar.escalateAfterSeconds ?? DEFAULT_ESCALATE_AFTER_SECONDS) * 1000;
  const schedule: Array<[NoticeKind, number]> = [
    ['reminder', due - remindBefore],
    ['overdue', due],
    ['escalation', due + escalateAfter],
  ];
  // A task created inside the reminder window gets no reminder: its creation was the notice.
  const created = Date.parse(task.createdAt);
  for (const [kind, at] of schedule) {
    if (sent.has(kind) || (kind === 'reminder' && at <= created)) continue;
    return { kind, at: new Date(at).toISOString() };
  }
  return null;
}

/** The step whose date has come opens: its task becomes actionable. */
export function openTask(state: ReviewState, at: string): Transition {
  const { opensAt: _opened, ...task } = state.task!;
  return record(state, { ...state, task }, CALENDAR_ACTOR, 'step.opened', at, { taskId: task.id, kind: task.kind, assigneeId: task.assigneeId });
}

/** A notice about the open task went out; recorded so it is sent once and shows in the history. */
export function recordNotice(state: ReviewState, kind: NoticeKind, recipientId: string, at: string): Transition {
  const task: OpenTask = { ...state.task!, notices: [...(state.task!.notices ?? []), kind] };
  const type = kind === 'reminder' ? 'task.reminded' : kind === 'overdue' ? 'task.overdue' : 'task.escalated';
  return record(state, { ...state, task }, CALENDAR_ACTOR, type, at, { taskId: task.id, assigneeId: task.assigneeId, recipientId, dueAt: task.dueAt });
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
