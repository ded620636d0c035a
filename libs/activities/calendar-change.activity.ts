import { heartbeat } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { CycleCalendar } from '../domain/calendar.js';
import { moveOpenReportTasks } from '../persistence/report-task-dates.js';
import { calendarChangedSignal } from '../temporal/definitions.js';
import { unitWorkflowId } from '../temporal/workflow-ids.js';
import type { ActivityDeps } from './activity-deps.js';
import { forEachBounded } from './bounded-pool.js';

/**
 * An administrator moved the cycle's dates: stores them (reviews launched from now on read them),
 * moves the due date of open report tasks, and tells every open review (which reschedules its own
 * task and timers) and every unit waiting on its report task. Safe to retry: a review told the
 * same calendar twice changes nothing.
 */
export function makeApplyCalendarChange(deps: ActivityDeps) {
  return async function applyCalendarChange(input: { cycleId: string; calendar: CycleCalendar; actorId: string }): Promise<void> {
    await deps.db.query('UPDATE cycles SET calendar = $2 WHERE id = $1', [input.cycleId, JSON.stringify(input.calendar)]);
    await moveOpenReportTasks(deps.db, input.cycleId, input.calendar);
    const openReviews: Array<{ workflow_id: string }> = await deps.db.query(`SELECT workflow_id FROM reviews WHERE cycle_id = $1 AND status = 'open'`, [input.cycleId]);
    // Units waiting on a report task follow its new due date too.
    const waitingUnits: Array<{ unit_id: string }> = await deps.db.query(
      `SELECT unit_id FROM reports WHERE cycle_id = $1 AND status IN ('calibration_needed', 'ready')`,
      [input.cycleId],
    );
    const open = [...openReviews, ...waitingUnits.map((u) => ({ workflow_id: unitWorkflowId(input.cycleId, u.unit_id) }))];
    let done = 0;
    await forEachBounded(open, deps.startConcurrency, async ({ workflow_id }) => {
      try {
        await deps.temporal.workflow.getHandle(workflow_id).signal(calendarChangedSignal, { calendar: input.calendar, actorId: input.actorId });
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error; // closed meanwhile: nothing to move
      }
      heartbeat(++done);
    });
  };
}
