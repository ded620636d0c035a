import { WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { insertOperation } from '../persistence/operation-rows.js';
import type { ActivityDeps } from './activity-deps.js';

/**
 * The first half of a cancel, inside the cycle's Update: the cycle is cancelled in PostgreSQL
 * (from then on no review takes an action and no unit plans more) and the operation that sweeps
 * its reviews is recorded, in one short transaction whatever the cycle's size. Safe to retry.
 */
export function makeRecordCancelStarted(db: DataSource) {
  return async function recordCancelStarted(input: { operationId: string; cycleId: string; actorId: string; reason: string; at: string }): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.query(`UPDATE cycles SET status = 'cancelled', cancelled_at = $2, cancel_reason = $3 WHERE id = $1 AND status IN ('launching', 'running')`, [
        input.cycleId,
        input.at,
        input.reason,
      ]);
      const [{ n }]: Array<{ n: number }> = await tx.query(`SELECT count(*)::int AS n FROM reviews WHERE cycle_id = $1 AND status = 'open'`, [input.cycleId]);
      await insertOperation(tx, { id: input.operationId, kind: 'cycle_cancel', cycleId: input.cycleId, actorId: input.actorId, total: n, at: input.at });
    });
  };
}

/**
 * One batch of a cancel: these reviews end as cancelled with a history entry each and their
 * tasks close, in the transaction that checkpoints the batch (so a retry never sweeps twice).
 */
export async function cancelReviewsOf(
  tx: Pick<DataSource, 'query'>,
  batch: Array<{ id: string }>,
  op: { actorId: string; reason: string; at: string },
): Promise<void> {
  const ids = batch.map((r) => r.id);
  await tx.query(
    `WITH cancelled AS (
       UPDATE reviews SET status = 'cancelled', version = version + 1, due_at = NULL, updated_at = $2::timestamptz,
              state = state || jsonb_build_object('status', 'cancelled', 'task', null, 'seq', version + 1, 'updatedAt', $2::text)
        WHERE id = ANY($1) AND status = 'open'
       RETURNING id, version, step)
     INSERT INTO review_events (review_id, seq, at, actor_id, type, data)
     SELECT id, version, $2::timestamptz, $3, 'review.cancelled', jsonb_build_object('reason', $4::text, 'step', step, 'status', 'cancelled')
       FROM cancelled ON CONFLICT DO NOTHING`,
    [ids, op.at, op.actorId, op.reason],
  );
  await tx.query(`UPDATE tasks SET status = 'done', completed_at = $2 WHERE review_id = ANY($1) AND status = 'open'`, [ids, op.at]);
}

/** After the reviews: the cycle's other open tasks (reports) close and its workflows stop. */
export async function finishCancel(deps: ActivityDeps, cycleId: string, rootWorkflowId: string, at: string): Promise<void> {
  await deps.db.query(`UPDATE tasks SET status = 'done', completed_at = $2 WHERE cycle_id = $1 AND status = 'open'`, [cycleId, at]);
  try {
    await deps.temporal.workflow.getHandle(rootWorkflowId).cancel(); // the root unit cancels what it started, down the tree
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}
