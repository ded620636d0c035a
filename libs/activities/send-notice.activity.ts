import type { DataSource } from 'typeorm';
import type { NoticeKind } from '../domain/review/review-state.js';
import { loadTreeAround } from '../persistence/registry-reader.js';
import { noticeMessage } from '../notifications/notice-message.js';

export interface NoticeInput {
  kind: NoticeKind;
  cycleId: string;
  /** Null for a unit's report task. */
  reviewId: string | null;
  taskId: string;
  taskKind: string;
  assigneeId: string;
  subjectName: string;
  dueAt: string;
}

/**
 * Puts one notice about a late or nearly late task in the outbox (the dispatcher delivers it).
 * Reminders and overdue notices go to the assignee, escalations to the assignee's own head (the
 * one who reviews them), or to the assignee when nobody stands above. Idempotent: one row per
 * task, kind and due date, so a retried activity writes nothing twice while the notice again
 * after a due date moved is a notice of its own and delivered. Returns who it went to.
 */
export function makeSendNotice(db: DataSource) {
  return async function sendNotice(input: NoticeInput): Promise<{ recipientId: string }> {
    const recipientId = input.kind === 'escalation' ? ((await headOfPerson(db, input.assigneeId)) ?? input.assigneeId) : input.assigneeId;
    const [recipient]: Array<{ email: string | null }> = await db.query('SELECT email FROM people WHERE id = $1', [recipientId]);
    const message = noticeMessage(input, recipientId);
    await db.query(
      `INSERT INTO outbox (dedupe_key, kind, cycle_id, review_id, task_id, recipient_id, recipient_email, subject, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (dedupe_key) DO NOTHING`,
      [noticeKey(input), input.kind, input.cycleId, input.reviewId, input.taskId, recipientId, recipient?.email ?? null, message.subject, message.body],
    );
    return { recipientId };
  };
}

/** What makes a notice distinct: the task, the kind of notice and the due date it is about. */
function noticeKey(input: NoticeInput): string {
  return `${input.taskId}:${input.kind}:${input.dueAt}`;
}

async function headOfPerson(db: DataSource, personId: string): Promise<string | null> {
  const [person]: Array<{ unit_id: string }> = await db.query('SELECT unit_id FROM people WHERE id = $1', [personId]);
  if (!person) return null;
  const tree = await loadTreeAround(db, person.unit_id);
  return tree.reviewerOfPerson(personId);
}
