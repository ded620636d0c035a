import { Context, heartbeat } from '@temporalio/activity';
import type { CycleCalendar } from '../domain/calendar.js';
import { checkpointOperation, failOperation, finishOperation, loadOperation } from '../persistence/operation-rows.js';
import { unitWorkflowId } from '../temporal/workflow-ids.js';
import type { ActivityDeps } from './activity-deps.js';
import { moveCalendarOf, moveCalendarOfWaitingUnits } from './calendar-move.activities.js';
import { cancelReviewsOf, finishCancel } from './cycle-cancel.activities.js';

const DEFAULT_BATCH = 200;

interface CycleRow {
  calendar: CycleCalendar;
  root_unit_id: string;
  cancel_reason: string | null;
  cancelled_at: Date | null;
}

/**
 * Runs a bulk operation over the cycle's open reviews in batches, in review id order, from the
 * checkpoint its row holds: a retry after a crash or a timeout resumes after the last batch it
 * stored instead of from zero. Heartbeats each review (with the checkpoint as details) and stops
 * between batches when cancelled (a worker shutting down), so another worker takes over.
 */
export function makeSweepOperation(deps: ActivityDeps) {
  return async function sweepOperation(input: { operationId: string }): Promise<void> {
    const op = await loadOperation(deps.db, input.operationId);
    if (!op || op.status !== 'running') return; // finished by an earlier attempt
    const [cycle]: CycleRow[] = await deps.db.query('SELECT calendar, root_unit_id, cancel_reason, cancelled_at FROM cycles WHERE id = $1', [op.cycle_id]);
    const batchSize = deps.operationBatchSize ?? DEFAULT_BATCH;
    const cancelAt = new Date(cycle!.cancelled_at ?? op.started_at).toISOString();
    let cursor = op.cursor;
    for (;;) {
      if (Context.current().cancellationSignal.aborted) throw Context.current().cancellationSignal.reason;
      const batch: Array<{ id: string; workflow_id: string }> = await deps.db.query(
        `SELECT id, workflow_id FROM reviews WHERE cycle_id = $1 AND id > $2 AND status = 'open' ORDER BY id LIMIT $3`,
        [op.cycle_id, cursor, batchSize],
      );
      if (batch.length === 0) break;
      const last = batch[batch.length - 1]!.id;
      if (op.kind === 'calendar_move') {
        // Always the cycle's latest dates: a later move's operation tells the same ones.
        await moveCalendarOf(deps, batch, cycle!.calendar, op.actor_id, () => heartbeat({ cursor }));
        await checkpointOperation(deps.db, op.id, last, batch.length);
      } else {
        await deps.db.transaction(async (tx) => {
          await cancelReviewsOf(tx, batch, { actorId: op.actor_id, reason: cycle!.cancel_reason ?? '', at: cancelAt });
          await checkpointOperation(tx, op.id, last, batch.length);
        });
      }
      cursor = last;
      heartbeat({ cursor });
    }
    if (op.kind === 'calendar_move') await moveCalendarOfWaitingUnits(deps, op.cycle_id, cycle!.calendar, op.actor_id);
    else await finishCancel(deps, op.cycle_id, unitWorkflowId(op.cycle_id, cycle!.root_unit_id), cancelAt);
    await finishOperation(deps.db, op.id, new Date().toISOString());
  };
}

/** The sweep gave up for good (a permanent error): the operation shows it. */
export function makeFailOperation(deps: ActivityDeps) {
  return async function failBulkOperation(input: { operationId: string; error: string }): Promise<void> {
    await failOperation(deps.db, input.operationId, input.error, new Date().toISOString());
  };
}
