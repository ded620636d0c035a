import { unitHeadChangedSignal } from '../temporal/definitions.js';
import type { ActivityDeps } from './activity-deps.js';
import { ignoringClosed } from './ignoring-closed.js';
import { calibrateTaskId } from './quota.activities.js';
import { reportTaskId } from './report.activities.js';

/** A unit whose head the registry changed, while its report was not yet submitted. */
export interface ReportHeadChange {
  cycleId: string;
  unitId: string;
  workflowId: string;
  headId: string;
}

/** Gives the unit's report and its open report and calibration tasks to the new head, then tells the unit's workflow. */
export async function handReportToNewHead(deps: Pick<ActivityDeps, 'db' | 'temporal'>, change: ReportHeadChange): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.query(`UPDATE reports SET head_id = $3, updated_at = now() WHERE cycle_id = $1 AND unit_id = $2 AND status <> 'submitted'`, [change.cycleId, change.unitId, change.headId]);
    await tx.query(`UPDATE tasks SET assignee_id = $3 WHERE id IN ($1, $2) AND status = 'open'`, [
      reportTaskId(change.cycleId, change.unitId),
      calibrateTaskId(change.cycleId, change.unitId),
      change.headId,
    ]);
  });
  await ignoringClosed(deps.db, null, () => deps.temporal.workflow.getHandle(change.workflowId).signal(unitHeadChangedSignal, { headId: change.headId }));
}
