import type { DataSource, EntityManager } from 'typeorm';
import { CALENDAR_ACTOR, NOTICE_EVENT_TYPE } from '../domain/review/review-schedule.js';
import type { NoticeKind, ReviewEventType } from '../domain/review/review-state.js';

export interface ReviewHistoryEvent {
  seq: number;
  at: string;
  actorId: string;
  type: ReviewEventType;
  data: Record<string, unknown>;
}

const NOTICE_ORDER: Record<NoticeKind, number> = { reminder: 0, overdue: 1, escalation: 2 };

/**
 * A review's history as every reader shows it (GET /reviews/:id/history, the printed record and
 * whatever is built on them): the events its workflow stored (`review_events`) merged by time
 * with the notices its cycle's sweep recorded (`review_notices`, cycles created since
 * cycle-notice-sweep-v1), each shown as the per-review path records it: a `task.reminded` /
 * `task.overdue` / `task.escalated` event by `system:calendar` with `{ taskId, assigneeId,
 * recipientId, dueAt, step, status }` (every stored event's data carries the review's step and status; a notice is about an open task). At one instant the stored event comes first, and several notices of one
 * task come in their order (reminder, overdue, escalation). `seq` is the position, 1..n: for a
 * review without swept notices that is its stored seq (the stored events are numbered 1..n by
 * their workflow); such a history is returned with its stored numbers as they are.
 */
export async function readReviewHistory(db: DataSource | EntityManager, reviewId: string): Promise<ReviewHistoryEvent[]> {
  const [stored, notices] = await Promise.all([
    db.query(`SELECT seq, at, actor_id AS "actorId", type, data FROM review_events WHERE review_id = $1 ORDER BY seq`, [reviewId]) as Promise<
      Array<{ seq: number; at: Date; actorId: string; type: ReviewEventType; data: Record<string, unknown> }>
    >,
    db.query(`SELECT task_id, kind, due_at, at, recipient_id, assignee_id, step FROM review_notices WHERE review_id = $1`, [reviewId]) as Promise<
      Array<{ task_id: string; kind: NoticeKind; due_at: string; at: Date; recipient_id: string; assignee_id: string; step: string }>
    >,
  ]);
  const events = stored.map((e) => ({ ...e, at: e.at.toISOString() }));
  if (notices.length === 0) return events;
  notices.sort((a, b) => a.at.getTime() - b.at.getTime() || a.task_id.localeCompare(b.task_id) || NOTICE_ORDER[a.kind] - NOTICE_ORDER[b.kind]);
  const merged: ReviewHistoryEvent[] = [];
  let i = 0;
  for (const n of notices) {
    while (i < stored.length && stored[i]!.at.getTime() <= n.at.getTime()) merged.push(events[i++]!);
    merged.push({
      seq: 0,
      at: n.at.toISOString(),
      actorId: CALENDAR_ACTOR,
      type: NOTICE_EVENT_TYPE[n.kind],
      data: { taskId: n.task_id, assigneeId: n.assignee_id, recipientId: n.recipient_id, dueAt: n.due_at, step: n.step, status: 'open' },
    });
  }
  while (i < stored.length) merged.push(events[i++]!);
  return merged.map((e, index) => ({ ...e, seq: index + 1 }));
}
