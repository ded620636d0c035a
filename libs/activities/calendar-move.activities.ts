import { WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { CycleCalendar } from '../domain/calendar.js';
import { moveOpenReportTasks } from '../persistence/report-task-dates.js';
import { insertOperation } from '../persistence/operation-rows.js';
import { calendarChangedSignal } from '../temporal/definitions.js';
import { unitWorkflowId } from '../temporal/workflow-ids.js';
import type { ActivityDeps } from './activity-deps.js';
import { forEachBounded } from './bounded-pool.js';

/**
 * The first half of a calendar move, inside the cycle's Update: stores the new dates (reviews
 * started from now on launch with them), moves the open report tasks and records the operation
 * that tells the open reviews, all in one transaction. Safe to retry.
 */
export function makeRecordCalendarMove(db: DataSource) {
  return async function recordCalendarMove(input: { operationId: string; cycleId: string; calendar: CycleCalendar; actorId: string; at: string }): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.query('UPDATE cycles SET calendar = $2 WHERE id = $1', [input.cycleId, JSON.stringify(input.calendar)]);
      await moveOpenReportTasks(tx, input.cycleId, input.calendar);
      const [{ n }]: Array<{ n: number }> = await tx.query(`SELECT count(*)::int AS n FROM reviews WHERE cycle_id = $1 AND status = 'open'`, [input.cycleId]);
      await insertOperation(tx, { id: input.operationId, kind: 'calendar_move', cycleId: input.cycleId, actorId: input.actorId, total: n, at: input.at });
    });
  };
}

/**
 * One batch of a calendar move: tells each review its new dates. A review whose workflow has not
 * started yet takes them at its start (startSubjectReviews); one closed meanwhile has nothing to
 * move. A review told twice (a retried batch) records the change once.
 */
export async function moveCalendarOf(deps: ActivityDeps, batch: Array<{ workflow_id: string }>, calendar: CycleCalendar, actorId: string, onEach: () => void): Promise<void> {
  await forEachBounded(batch, deps.startConcurrency, async ({ workflow_id }) => {
    await signalIfRunning(deps, workflow_id, calendar, actorId);
    onEach();
  });
}

/** After the reviews: units waiting on their report task follow its new due date too. */
export async function moveCalendarOfWaitingUnits(deps: ActivityDeps, cycleId: string, calendar: CycleCalendar, actorId: string): Promise<void> {
  const waiting: Array<{ unit_id: string }> = await deps.db.query(
    `SELECT unit_id FROM reports WHERE cycle_id = $1 AND status IN ('calibration_needed', 'ready')`,
    [cycleId],
  );
  await forEachBounded(waiting, deps.startConcurrency, (u) => signalIfRunning(deps, unitWorkflowId(cycleId, u.unit_id), calendar, actorId));
}

export async function signalIfRunning(deps: ActivityDeps, workflowId: string, calendar: CycleCalendar, actorId: string): Promise<void> {
  try {
    await deps.temporal.workflow.getHandle(workflowId).signal(calendarChangedSignal, { calendar, actorId });
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error; // not started yet, or closed: see above
  }
}
