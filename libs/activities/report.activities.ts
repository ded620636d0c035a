import type { DataSource, EntityManager } from 'typeorm';
import { CycleEntity } from '../persistence/entities/index.js';
import { reportTotals, type ReportTotals } from '../persistence/report-totals.js';
import { loadTreeAround } from '../persistence/registry-reader.js';
import { reportDueAtOfUnit } from '../persistence/report-task-dates.js';

/**
 * Every review of the unit is done and every child has reported: compute the figures, mark the
 * report ready and give the unit's head (as the registry names it now) the submit task.
 */
export function makePrepareReport(db: DataSource) {
  return async function prepareReport(input: { cycleId: string; unitId: string }): Promise<{ headId: string | null }> {
    const cycle = await db.getRepository(CycleEntity).findOneByOrFail({ id: input.cycleId });
    const tree = await loadTreeAround(db, input.unitId);
    const headId = tree.headOf(input.unitId) ?? cycle.superiorReviewerId;
    const totals = await reportTotals(db, input.cycleId, input.unitId);
    const dueAt = await reportDueAtOfUnit(db, cycle.calendar, input.unitId);
    const at = new Date().toISOString();
    await db.transaction(async (tx) => {
      await tx.query(
        `UPDATE reports SET status = 'ready', head_id = $3, people = $4, units = $5, remediation_plans = $6, updated_at = $7, four_good_cells = $8
          WHERE cycle_id = $1 AND unit_id = $2 AND status IN ('collecting', 'calibration_needed')`,
        [input.cycleId, input.unitId, headId, JSON.stringify(totals.people), JSON.stringify(totals.units), totals.remediationPlans, at, JSON.stringify(totals.fourGoodCells)],
      );
      if (headId !== null) {
        await tx.query(
          `INSERT INTO tasks (id, assignee_id, kind, cycle_id, unit_id, status, due_at, created_at)
           VALUES ($1, $2, 'submit_report', $3, $4, 'open', $5, $6) ON CONFLICT (id) DO NOTHING`,
          [reportTaskId(input.cycleId, input.unitId), headId, input.cycleId, input.unitId, dueAt, at],
        );
      }
    });
    return { headId };
  };
}

/** Records the submitted report with its final figures, and closes the head's task. */
export function makeRecordReportSubmitted(db: DataSource) {
  return async function recordReportSubmitted(input: {
    cycleId: string;
    unitId: string;
    actorId: string;
    summary: string;
    at: string;
  }): Promise<ReportTotals> {
    const totals = await reportTotals(db, input.cycleId, input.unitId);
    await db.transaction((tx) => markReportSubmitted(tx, input, totals));
    return totals;
  };
}

/** The report as sent, with its final figures, and the head's task to send it closed. */
export async function markReportSubmitted(
  tx: EntityManager,
  input: { cycleId: string; unitId: string; actorId: string; summary: string; at: string },
  totals: ReportTotals,
): Promise<void> {
  await tx.query(
    `UPDATE reports SET status = 'submitted', summary = $3, submitted_at = $4, submitted_by = $5,
            people = $6, units = $7, remediation_plans = $8, updated_at = $4, four_good_cells = $9
      WHERE cycle_id = $1 AND unit_id = $2 AND status <> 'submitted'`,
    [input.cycleId, input.unitId, input.summary, input.at, input.actorId, JSON.stringify(totals.people), JSON.stringify(totals.units), totals.remediationPlans, JSON.stringify(totals.fourGoodCells)],
  );
  await tx.query(`UPDATE tasks SET status = 'done', completed_at = $3 WHERE cycle_id = $1 AND unit_id = $2 AND kind = 'submit_report' AND status = 'open'`, [
    input.cycleId,
    input.unitId,
    input.at,
  ]);
}

export function reportTaskId(cycleId: string, unitId: string): string {
  return `report:${cycleId}:${unitId}:submit_report`;
}

