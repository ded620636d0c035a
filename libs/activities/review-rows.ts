import type { EntityManager } from 'typeorm';
import type { ReviewEvent, ReviewState } from '../domain/review/review-state.js';

// The SQL that writes a review's read model. Every statement is safe to repeat: rows are keyed
// by review id + event seq, and a state only replaces an older one.

const REVIEW_COLUMNS = `id, cycle_id, workflow_id, subject_type, subject_id, subject_name, unit_id, owner_unit_id,
  deciding_unit_id, reviewer_id, self_actor_id, step, status, classification, score, due_at, version, state,
  created_at, updated_at, committee_reviewer_id`;

const REVIEW_RECORD = `x(id text, cycle_id text, workflow_id text, subject_type text, subject_id text, subject_name text,
  unit_id text, owner_unit_id text, deciding_unit_id text, reviewer_id text, self_actor_id text, step text, status text,
  classification text, score double precision, due_at timestamptz, version int, state jsonb, created_at timestamptz,
  updated_at timestamptz, committee_reviewer_id text)`;

function reviewRow(state: ReviewState) {
  return {
    id: state.reviewId,
    cycle_id: state.cycleId,
    workflow_id: state.workflowId,
    subject_type: state.subject.type,
    subject_id: state.subject.id,
    subject_name: state.subject.name,
    unit_id: state.unitId,
    owner_unit_id: state.ownerUnitId,
    deciding_unit_id: state.decidingUnitId,
    reviewer_id: state.reviewerId,
    self_actor_id: state.selfActorId,
    step: state.step,
    status: state.status,
    classification: state.classification,
    score: state.score,
    due_at: state.task?.dueAt ?? null,
    version: state.seq,
    state,
    created_at: state.launchedAt,
    updated_at: state.updatedAt,
    committee_reviewer_id: state.committee?.reviewerId ?? null,
  };
}

/** Inserts launched reviews that do not exist yet; returns the ids it inserted. */
export async function insertNewReviews(tx: EntityManager, states: readonly ReviewState[]): Promise<Set<string>> {
  if (states.length === 0) return new Set();
  const rows: Array<{ id: string }> = await tx.query(
    `INSERT INTO reviews (${REVIEW_COLUMNS})
     SELECT ${REVIEW_COLUMNS} FROM jsonb_to_recordset($1::jsonb) AS ${REVIEW_RECORD}
     ON CONFLICT DO NOTHING RETURNING id`,
    [JSON.stringify(states.map(reviewRow))],
  );
  return new Set(rows.map((r) => r.id));
}

/** Replaces the stored state when this one is newer; returns whether it did. */
export async function upsertNewerReview(tx: EntityManager, state: ReviewState): Promise<boolean> {
  const rows: unknown[] = await tx.query(
    `INSERT INTO reviews (${REVIEW_COLUMNS})
     SELECT ${REVIEW_COLUMNS} FROM jsonb_to_recordset($1::jsonb) AS ${REVIEW_RECORD}
     ON CONFLICT (id) DO UPDATE SET
       reviewer_id = EXCLUDED.reviewer_id, self_actor_id = EXCLUDED.self_actor_id, step = EXCLUDED.step,
       status = EXCLUDED.status, classification = EXCLUDED.classification, score = EXCLUDED.score,
       due_at = EXCLUDED.due_at, version = EXCLUDED.version, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at,
       unit_id = EXCLUDED.unit_id, owner_unit_id = EXCLUDED.owner_unit_id, deciding_unit_id = EXCLUDED.deciding_unit_id,
       committee_reviewer_id = EXCLUDED.committee_reviewer_id
     WHERE reviews.version < EXCLUDED.version
     RETURNING id`,
    [JSON.stringify([reviewRow(state)])],
  );
  return rows.length > 0;
}

export async function insertReviewEvents(tx: EntityManager, entries: ReadonlyArray<{ reviewId: string; event: ReviewEvent }>): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(
    `INSERT INTO review_events (review_id, seq, at, actor_id, type, data)
     SELECT review_id, seq, at, actor_id, type, data
       FROM jsonb_to_recordset($1::jsonb) AS x(review_id text, seq int, at timestamptz, actor_id text, type text, data jsonb)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(entries.map(({ reviewId, event }) => ({ review_id: reviewId, ...event, actor_id: event.actorId })))],
  );
}

/** Makes the inbox match the reviews' states: their one open task open, every other task of theirs done. */
export async function syncReviewTasks(tx: EntityManager, states: readonly ReviewState[], at: string): Promise<void> {
  if (states.length === 0) return;
  await tx.query(
    `UPDATE tasks t SET status = 'done', completed_at = $2
       FROM jsonb_to_recordset($1::jsonb) AS x(review_id text, task_id text)
      WHERE t.review_id = x.review_id AND t.status = 'open' AND t.id IS DISTINCT FROM x.task_id`,
    [JSON.stringify(states.map((s) => ({ review_id: s.reviewId, task_id: s.task?.id ?? null }))), at],
  );
  const open = states.filter((s) => s.task !== null);
  if (open.length === 0) return;
  await tx.query(
    `INSERT INTO tasks (id, assignee_id, kind, cycle_id, review_id, unit_id, subject, status, due_at, opens_at, created_at)
     SELECT id, assignee_id, kind, cycle_id, review_id, unit_id, subject, 'open', due_at, opens_at, created_at
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, assignee_id text, kind text, cycle_id text, review_id text,
            unit_id text, subject jsonb, due_at timestamptz, opens_at timestamptz, created_at timestamptz)
     ON CONFLICT (id) DO UPDATE SET due_at = EXCLUDED.due_at, opens_at = EXCLUDED.opens_at
      WHERE tasks.status = 'open'`,
    [
      JSON.stringify(
        open.map((s) => ({
          id: s.task!.id,
          assignee_id: s.task!.assigneeId,
          kind: s.task!.kind,
          cycle_id: s.cycleId,
          review_id: s.reviewId,
          unit_id: s.unitId,
          subject: s.subject,
          due_at: s.task!.dueAt,
          opens_at: s.task!.opensAt ?? null,
          created_at: s.task!.createdAt,
        })),
      ),
    ],
  );
}
