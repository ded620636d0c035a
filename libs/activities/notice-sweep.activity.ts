import { Context, heartbeat } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import { dueAtFor, type CycleCalendar } from '../domain/calendar.js';
import { noticeOffsetsMs, noticeTimes } from '../domain/review/review-schedule.js';
import { headsOfPeople, insertOutboxNotices, recipientOf, type NoticeInput } from './send-notice.activity.js';

// The notices of a cycle's reviews, sent by one sweep of the cycle instead of a timer in every
// review (issue #11 goal 4; cycles with `notice_sweep`, reviews with `noticeSweep` in their state).
// The review-cycle workflow asks when the next notice is due (nextNoticeSweepAt), sleeps until
// then and sweeps (sweepDueNotices). The rules are the per-review path's (review-schedule.ts
// `nextNotice`): a reminder `remindBeforeSeconds` before the due date (none for a task created
// after that instant), the overdue notice at it, the escalation to the assignee's head
// `escalateAfterSeconds` after it; the offsets are the cycle's calendar's. A task first swept
// when several of its notices are past gets each missing one once, in that order, as a review
// that woke late sent them one after the other. A notice is one outbox row (the same dedupe key
// and message as sendNotice) and one row of `review_notices`, which the review's history shows
// as its `task.reminded` / `task.overdue` / `task.escalated` event (review-history.ts).

/** Open review tasks read per page (and written per transaction). */
export const NOTICE_SWEEP_PAGE = 500;

/** The review task kinds: the due dates their notices can fall around. */
const REVIEW_TASK_KINDS = ['assign_targets', 'self_assess', 'review', 'submit_remediation', 'decide_remediation'] as const;

export interface NextNoticeSweep {
  /** When the sweep should next run: the earliest notice not sent yet (maybe past: sweep now); null when none can come. */
  at: string | null;
  /** A calendar move is still reaching the reviews (its operation runs, or open tasks still carry other dates): ask again soon. */
  moving: boolean;
}

/**
 * When the next notice of the cycle's open review tasks is due: the earliest of the notices of
 * its open tasks not sent yet (a task not open yet counts from its opening) and of the notices of
 * the calendar's future due dates (a task created later, at the next step, has one of those).
 */
export function makeNextNoticeSweepAt(db: DataSource) {
  return async function nextNoticeSweepAt(input: { cycleId: string }): Promise<NextNoticeSweep> {
    const [cycle]: Array<{ calendar: CycleCalendar; status: string }> = await db.query('SELECT calendar, status FROM cycles WHERE id = $1', [input.cycleId]);
    if (!cycle || cycle.status === 'completed' || cycle.status === 'cancelled') return { at: null, moving: false };
    const offsets = noticeOffsetsMs(cycle.calendar);
    const now = Date.now();
    let earliest = Infinity;
    for (const kind of REVIEW_TASK_KINDS) {
      for (const [, at] of noticeTimes(Date.parse(dueAtFor(cycle.calendar, kind)), cycle.calendar)) if (at > now && at < earliest) earliest = at;
    }
    const [open]: Array<{ at: Date | null }> = await db.query(
      `SELECT min(GREATEST(n.at, t.opens_at)) AS at
         FROM tasks t JOIN reviews r ON r.id = t.review_id
        CROSS JOIN LATERAL (VALUES ('reminder', t.due_at - $2::double precision * interval '1 millisecond'), ('overdue', t.due_at), ('escalation', t.due_at + $3::double precision * interval '1 millisecond')) AS n(kind, at)
        WHERE t.cycle_id = $1 AND t.status = 'open' AND t.due_at IS NOT NULL
          AND r.state->'task'->>'id' = t.id AND (r.state->>'noticeSweep')::boolean IS TRUE
          AND NOT (n.kind = 'reminder' AND n.at <= t.created_at)
          AND NOT EXISTS (SELECT 1 FROM review_notices x WHERE x.task_id = t.id AND x.kind = n.kind AND x.due_at = r.state->'task'->>'dueAt')`,
      [input.cycleId, offsets.remindBeforeMs, offsets.escalateAfterMs],
    );
    if (open?.at && open.at.getTime() < earliest) earliest = open.at.getTime();
    return { at: Number.isFinite(earliest) ? new Date(earliest).toISOString() : null, moving: await calendarMoving(db, input.cycleId, cycle.calendar) };
  };
}

/** A calendar move not yet followed by every open review task (its operation runs, or tasks still carry another date than the cycle's). */
async function calendarMoving(db: DataSource, cycleId: string, calendar: CycleCalendar): Promise<boolean> {
  const running: unknown[] = await db.query(`SELECT 1 FROM operations WHERE cycle_id = $1 AND kind = 'calendar_move' AND status = 'running' LIMIT 1`, [cycleId]);
  if (running.length > 0) return true;
  const dates: Array<{ kind: string; due_at: Date }> = await db.query(
    `SELECT DISTINCT kind, due_at FROM tasks WHERE cycle_id = $1 AND status = 'open' AND review_id IS NOT NULL AND due_at IS NOT NULL`,
    [cycleId],
  );
  return dates.some((d) => (REVIEW_TASK_KINDS as readonly string[]).includes(d.kind) && d.due_at.getTime() !== Date.parse(dueAtFor(calendar, d.kind as (typeof REVIEW_TASK_KINDS)[number])));
}

/** Sends every notice of the cycle's open review tasks whose time has come and that is not sent yet; returns how many it sent. */
export function makeSweepDueNotices(db: DataSource) {
  return async function sweepDueNotices(input: { cycleId: string; now: string }): Promise<{ sent: number }> {
    const cancelled = Context.current().cancellationSignal;
    return sweepCycleNotices(db, input, (sent) => {
      if (cancelled.aborted) throw cancelled.reason;
      heartbeat(sent);
    });
  };
}

interface OpenTaskRow {
  task_id: string;
  review_id: string;
  task_kind: string;
  assignee_id: string;
  subject_name: string;
  step: string;
  due_at: string;
  due_ms: string;
  created_ms: string;
}

/**
 * The sweep itself, page by page in task id order (`afterPage` is told after each page is
 * committed: the activity heartbeats there). Each page's outbox rows and notice records are
 * written in one transaction, both ON CONFLICT DO NOTHING: a retried or resumed sweep writes
 * nothing twice. A task acted on before the sweep read it is no longer open and gets nothing.
 * Reads without locks: a person acting on a task while its page is written is not kept waiting
 * (the notice may then be recorded about a task closed a moment before, as a review's own timer
 * could). `now` is the instant the notices are due by (the workflow's time); they are recorded at
 * the time they are written.
 */
export async function sweepCycleNotices(db: DataSource, input: { cycleId: string; now: string }, afterPage: (sent: number) => void = () => {}): Promise<{ sent: number }> {
  const [cycle]: Array<{ calendar: CycleCalendar; status: string }> = await db.query('SELECT calendar, status FROM cycles WHERE id = $1', [input.cycleId]);
  if (!cycle || cycle.status === 'cancelled') return { sent: 0 };
  const offsets = noticeOffsetsMs(cycle.calendar);
  const nowMs = Math.max(Date.parse(input.now), Date.now());
  let after = '';
  let sent = 0;
  for (;;) {
    const tasks: OpenTaskRow[] = await db.query(
      `SELECT t.id AS task_id, t.review_id, t.kind AS task_kind, t.assignee_id, r.subject_name, r.step, r.state->'task'->>'dueAt' AS due_at,
              (EXTRACT(EPOCH FROM t.due_at) * 1000)::bigint AS due_ms, (EXTRACT(EPOCH FROM t.created_at) * 1000)::bigint AS created_ms
         FROM tasks t JOIN reviews r ON r.id = t.review_id
        WHERE t.cycle_id = $1 AND t.status = 'open' AND t.id > $2 AND t.due_at IS NOT NULL
          AND (t.opens_at IS NULL OR t.opens_at <= $3::timestamptz)
          AND r.state->'task'->>'id' = t.id AND (r.state->>'noticeSweep')::boolean IS TRUE
          AND t.due_at - $4::double precision * interval '1 millisecond' <= $3::timestamptz
        ORDER BY t.id LIMIT $5`,
      [input.cycleId, after, new Date(nowMs).toISOString(), offsets.remindBeforeMs, NOTICE_SWEEP_PAGE],
    );
    if (tasks.length === 0) break;
    after = tasks[tasks.length - 1]!.task_id;
    sent += await sweepPage(db, input.cycleId, tasks, cycle.calendar, nowMs);
    afterPage(sent);
    if (tasks.length < NOTICE_SWEEP_PAGE) break;
  }
  return { sent };
}

async function sweepPage(db: DataSource, cycleId: string, tasks: OpenTaskRow[], calendar: CycleCalendar, nowMs: number): Promise<number> {
  return db.transaction(async (tx) => {
    const recorded: Array<{ task_id: string; kind: string; due_at: string }> = await tx.query(
      'SELECT task_id, kind, due_at FROM review_notices WHERE task_id = ANY($1)',
      [tasks.map((t) => t.task_id)],
    );
    const done = new Set(recorded.map((r) => `${r.task_id}:${r.kind}:${r.due_at}`));
    const due: Array<NoticeInput & { step: string }> = [];
    for (const task of tasks) {
      for (const [kind, at] of noticeTimes(Number(task.due_ms), calendar)) {
        if (at > nowMs || (kind === 'reminder' && at <= Number(task.created_ms))) continue;
        if (done.has(`${task.task_id}:${kind}:${task.due_at}`)) continue;
        due.push({
          kind,
          cycleId,
          reviewId: task.review_id,
          taskId: task.task_id,
          taskKind: task.task_kind,
          assigneeId: task.assignee_id,
          subjectName: task.subject_name,
          dueAt: task.due_at,
          step: task.step,
        });
      }
    }
    if (due.length === 0) return 0;
    const heads = await headsOfPeople(tx, due.filter((n) => n.kind === 'escalation').map((n) => n.assigneeId));
    const notices = due.map((n) => ({ ...n, recipientId: recipientOf(n, heads) }));
    await insertOutboxNotices(tx, notices);
    await recordNotices(tx, notices);
    return notices.length;
  });
}

/** The notice records the review's history shows, at the transaction's time (several kinds of one task: the history orders them reminder, overdue, escalation). */
async function recordNotices(tx: EntityManager, notices: ReadonlyArray<NoticeInput & { recipientId: string; step: string }>): Promise<void> {
  await tx.query(
    `INSERT INTO review_notices (review_id, task_id, kind, due_at, at, recipient_id, assignee_id, step)
     SELECT review_id, task_id, kind, due_at, now(), recipient_id, assignee_id, step
       FROM jsonb_to_recordset($1::jsonb) AS x(review_id text, task_id text, kind text, due_at text, recipient_id text, assignee_id text, step text)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(notices.map((n) => ({ review_id: n.reviewId, task_id: n.taskId, kind: n.kind, due_at: n.dueAt, recipient_id: n.recipientId, assignee_id: n.assigneeId, step: n.step })))],
  );
}
