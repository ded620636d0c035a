import type { DataSource } from 'typeorm';

/** Every unit's reviews are started: the cycle leaves `launching`. */
export function makeMarkCycleRunning(db: DataSource) {
  return async function markCycleRunning(input: { cycleId: string }): Promise<void> {
    await db.query(`UPDATE cycles SET status = 'running' WHERE id = $1 AND status = 'launching'`, [input.cycleId]);
  };
}

/** The root's report is in. */
export function makeMarkCycleCompleted(db: DataSource) {
  return async function markCycleCompleted(input: { cycleId: string; at: string }): Promise<void> {
    await db.query(`UPDATE cycles SET status = 'completed', completed_at = $2 WHERE id = $1 AND status IN ('launching', 'running')`, [
      input.cycleId,
      input.at,
    ]);
  };
}

/**
 * Cancels a cycle in the read model in one sweep: the cycle, every open review (with a history
 * entry each) and every open task. The workflows are cancelled after; they write nothing more.
 */
export function makeRecordCycleCancelled(db: DataSource) {
  return async function recordCycleCancelled(input: { cycleId: string; actorId: string; reason: string; at: string }): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.query(`UPDATE cycles SET status = 'cancelled', cancelled_at = $2, cancel_reason = $3 WHERE id = $1 AND status IN ('launching', 'running')`, [
        input.cycleId,
        input.at,
        input.reason,
      ]);
      await tx.query(
        `WITH cancelled AS (
           UPDATE reviews SET status = 'cancelled', version = version + 1, due_at = NULL, updated_at = $2::timestamptz,
                  state = state || jsonb_build_object('status', 'cancelled', 'task', null, 'seq', version + 1, 'updatedAt', $2::text)
            WHERE cycle_id = $1 AND status = 'open'
           RETURNING id, version, step)
         INSERT INTO review_events (review_id, seq, at, actor_id, type, data)
         SELECT id, version, $2::timestamptz, $3, 'review.cancelled', jsonb_build_object('reason', $4::text, 'step', step, 'status', 'cancelled')
           FROM cancelled ON CONFLICT DO NOTHING`,
        [input.cycleId, input.at, input.actorId, input.reason],
      );
      await tx.query(`UPDATE tasks SET status = 'done', completed_at = $2 WHERE cycle_id = $1 AND status = 'open'`, [input.cycleId, input.at]);
    });
  };
}
