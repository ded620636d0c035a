import type { DataSource } from 'typeorm';
import type { ReportSubmitted } from '../temporal/workflow-inputs.js';
import { reportTotals } from '../persistence/report-totals.js';
import { markReportSubmitted } from './report.activities.js';

/**
 * A merged or dissolved unit has waited for the reviews it still owned (moves another unit
 * refused, e.g. into a unit the same import created). If it decided any, its report goes up with
 * them, sent by the administrator who retired it, so they count once, upward; with nothing to
 * count its report row is removed, as the parent no longer expects it. Repeated, it answers the same.
 */
export function makeCloseRetiredUnit(db: DataSource) {
  return async function closeRetiredUnit(input: { cycleId: string; unitId: string; actorId: string; summary: string; at: string }): Promise<ReportSubmitted | null> {
    return db.transaction(async (tx) => {
      const [sent]: Array<Omit<ReportSubmitted, 'submittedAt'> & { submittedAt: Date }> = await tx.query(
        `SELECT unit_id AS "unitId", submitted_at AS "submittedAt", submitted_by AS "submittedBy", people, units
           FROM reports WHERE cycle_id = $1 AND unit_id = $2 AND status = 'submitted'`,
        [input.cycleId, input.unitId],
      );
      if (sent) return { ...sent, submittedAt: sent.submittedAt.toISOString() };
      const totals = await reportTotals(tx, input.cycleId, input.unitId);
      if (totals.people.total + totals.units.total === 0) {
        await tx.query(`DELETE FROM reports WHERE cycle_id = $1 AND unit_id = $2`, [input.cycleId, input.unitId]);
        await tx.query(`DELETE FROM tasks WHERE cycle_id = $1 AND unit_id = $2 AND kind = 'submit_report' AND status = 'open'`, [input.cycleId, input.unitId]);
        return null;
      }
      await markReportSubmitted(tx, input, totals);
      return { unitId: input.unitId, submittedAt: input.at, submittedBy: input.actorId, people: totals.people, units: totals.units };
    });
  };
}
