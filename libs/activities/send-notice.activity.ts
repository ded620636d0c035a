import type { DataSource, EntityManager } from 'typeorm';
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
    const heads = input.kind === 'escalation' ? await headsOfPeople(db, [input.assigneeId]) : new Map<string, string>();
    const recipientId = recipientOf(input, heads);
    await insertOutboxNotices(db, [{ ...input, recipientId }]);
    return { recipientId };
  };
}

/** Who a notice goes to: the assignee, or for an escalation the assignee's head (`heads`, from headsOfPeople) when there is one. */
export function recipientOf(input: Pick<NoticeInput, 'kind' | 'assigneeId'>, heads: ReadonlyMap<string, string>): string {
  return input.kind === 'escalation' ? (heads.get(input.assigneeId) ?? input.assigneeId) : input.assigneeId;
}

/**
 * Notices into the outbox, one statement (the recipients' addresses read in it); a notice already
 * there (same task, kind and due date) is left as it is. Used by one review's notice and by the
 * cycle's sweep (notice-sweep.activity.ts), so both write the same rows.
 */
export async function insertOutboxNotices(db: DataSource | EntityManager, notices: ReadonlyArray<NoticeInput & { recipientId: string }>): Promise<void> {
  if (notices.length === 0) return;
  const rows = notices.map((n) => {
    const message = noticeMessage(n, n.recipientId);
    return {
      dedupe_key: noticeKey(n),
      kind: n.kind,
      cycle_id: n.cycleId,
      review_id: n.reviewId,
      task_id: n.taskId,
      recipient_id: n.recipientId,
      subject: message.subject,
      body: message.body,
    };
  });
  await db.query(
    `INSERT INTO outbox (dedupe_key, kind, cycle_id, review_id, task_id, recipient_id, recipient_email, subject, body)
     SELECT x.dedupe_key, x.kind, x.cycle_id, x.review_id, x.task_id, x.recipient_id, p.email, x.subject, x.body
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (dedupe_key text, kind text, cycle_id text, review_id text,
            task_id text, recipient_id text, subject text, body text)) WITH ORDINALITY AS x(dedupe_key, kind, cycle_id, review_id,
            task_id, recipient_id, subject, body, n)
       LEFT JOIN people p ON p.id = x.recipient_id
      ORDER BY x.n
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

/** What makes a notice distinct: the task, the kind of notice and the due date it is about. */
export function noticeKey(input: Pick<NoticeInput, 'taskId' | 'kind' | 'dueAt'>): string {
  return `${input.taskId}:${input.kind}:${input.dueAt}`;
}

/**
 * Each person's own head (the one who reviews them), for those who have one: the registry read
 * once per unit of theirs, not once per person (a sweep escalates whole cells at once).
 */
export async function headsOfPeople(db: DataSource | EntityManager, personIds: readonly string[]): Promise<Map<string, string>> {
  const heads = new Map<string, string>();
  if (personIds.length === 0) return heads;
  const people: Array<{ id: string; unit_id: string }> = await db.query('SELECT id, unit_id FROM people WHERE id = ANY($1)', [[...new Set(personIds)]]);
  const byUnit = new Map<string, string[]>();
  for (const p of people) byUnit.set(p.unit_id, [...(byUnit.get(p.unit_id) ?? []), p.id]);
  for (const [unitId, ids] of byUnit) {
    const tree = await loadTreeAround(db, unitId);
    for (const id of ids) {
      const head = tree.reviewerOfPerson(id);
      if (head !== null) heads.set(id, head);
    }
  }
  return heads;
}
