import type { DataSource, EntityManager } from 'typeorm';
import type { Classification } from '../domain/classification.js';
import { ConflictError, ErrorCode, NotFoundError } from '../domain/errors.js';
import { reclassifyReview } from '../domain/review/review-machine.js';
import type { ReviewState } from '../domain/review/review-state.js';
import { CycleEntity } from '../persistence/entities/index.js';
import { checkUnitQuota, type QuotaCheck } from '../persistence/quota-check.js';
import { reportTotals } from '../persistence/report-totals.js';
import { reportDueAtOfUnit } from '../persistence/report-task-dates.js';
import { toApplicationFailure } from '../temporal/failure-codec.js';
import { remediationWorkflowId } from '../temporal/workflow-ids.js';
import { insertReviewEvents, syncReviewTasks, upsertNewerReview } from './review-rows.js';

export function calibrateTaskId(cycleId: string, unitId: string): string {
  return `report:${cycleId}:${unitId}:calibrate`;
}

/**
 * The unit has closed its reviews: checks the quota of every group it decides. On a breach the
 * report becomes calibration_needed and the unit's head gets a calibrate task. Safe to repeat.
 */
export function makeCheckQuota(db: DataSource) {
  return async function checkQuota(input: { cycleId: string; unitId: string; headId: string | null }): Promise<QuotaCheck> {
    const check = await checkUnitQuota(db, input.cycleId, input.unitId);
    if (check.fits) return check;
    const cycle = await db.getRepository(CycleEntity).findOneByOrFail({ id: input.cycleId });
    const dueAt = await reportDueAtOfUnit(db, cycle.calendar, input.unitId);
    const at = new Date().toISOString();
    await db.transaction(async (tx) => {
      await tx.query(`UPDATE reports SET status = 'calibration_needed', updated_at = $3 WHERE cycle_id = $1 AND unit_id = $2 AND status = 'collecting'`, [
        input.cycleId,
        input.unitId,
        at,
      ]);
      if (input.headId !== null) {
        await tx.query(
          `INSERT INTO tasks (id, assignee_id, kind, cycle_id, unit_id, status, due_at, created_at)
           VALUES ($1, $2, 'calibrate', $3, $4, 'open', $5, $6) ON CONFLICT (id) DO NOTHING`,
          [calibrateTaskId(input.cycleId, input.unitId), input.headId, input.cycleId, input.unitId, dueAt, at],
        );
      }
    });
    return check;
  };
}

export interface ReclassifyInput {
  cycleId: string;
  unitId: string;
  reviewId: string;
  actorId: string;
  classification: Classification;
  comment: string;
  requestId: string;
  /** Set by units that start the run for a plan: a class that needs one reopens the review for it. */
  reopenForPlan?: boolean;
}

/**
 * Calibration: lowers one done review the unit decides, records `review.reclassified` in its
 * history and read model, and re-checks the quota; all groups fit → the calibrate task is done.
 * A retry finds its own event (by request id) and only re-checks.
 */
export function makeReclassifyForQuota(db: DataSource) {
  return async function reclassifyForQuota(input: ReclassifyInput): Promise<QuotaCheck & { review: ReviewState }> {
    try {
      return await db.transaction(async (tx) => {
        const rows: Array<{ state: ReviewState; deciding_unit_id: string | null }> = await tx.query(
          `SELECT state, deciding_unit_id FROM reviews WHERE id = $1 AND cycle_id = $2 FOR UPDATE`,
          [input.reviewId, input.cycleId],
        );
        const row = rows[0];
        if (!row) throw new NotFoundError('Review', input.reviewId);
        if (row.deciding_unit_id !== input.unitId) {
          throw new ConflictError(ErrorCode.WrongStep, `This review is decided by ${row.deciding_unit_id ?? 'the superior'}, not ${input.unitId}.`);
        }
        let state = row.state;
        const mine: unknown[] = await tx.query(`SELECT 1 FROM review_events WHERE review_id = $1 AND type = 'review.reclassified' AND data->>'requestId' = $2`, [
          input.reviewId,
          input.requestId,
        ]);
        if (mine.length === 0) {
          const at = new Date().toISOString();
          const planWorkflowId = input.reopenForPlan ? remediationWorkflowId(state.workflowId) : undefined;
          const transition = reclassifyReview(state, { ...input, planWorkflowId }, at);
          await insertReviewEvents(tx, [{ reviewId: input.reviewId, event: transition.event }]);
          await upsertNewerReview(tx, transition.state);
          if (transition.state.status === 'open') await syncReviewTasks(tx, [transition.state], at); // the plan task
          state = transition.state;
          await reviseReportsBelow(tx, input.cycleId, state.ownerUnitId, input.unitId);
        }
        const check = await checkUnitQuota(tx, input.cycleId, input.unitId);
        if (check.fits) {
          await tx.query(`UPDATE tasks SET status = 'done', completed_at = now() WHERE id = $1 AND status = 'open'`, [calibrateTaskId(input.cycleId, input.unitId)]);
          // Within the quota, but a review reopened for its plan is still to finish: the unit collects again.
          await tx.query(
            `UPDATE reports SET status = 'collecting', updated_at = now() WHERE cycle_id = $1 AND unit_id = $2 AND status = 'calibration_needed'
               AND EXISTS (SELECT 1 FROM reviews WHERE cycle_id = $1 AND deciding_unit_id = $2 AND status = 'open')`,
            [input.cycleId, input.unitId],
          );
        }
        return { ...check, review: state };
      });
    } catch (error) {
      throw toApplicationFailure(error);
    }
  };
}

/**
 * A review decided one level up (a cell member's) is owned, and reported, by its own unit: when
 * the deciding unit lowers it, the reports already submitted between the two take the new figures,
 * bottom-up, so the deciding unit's own report (built from them) counts the new classification.
 */
async function reviseReportsBelow(tx: EntityManager, cycleId: string, ownerUnitId: string, decidingUnitId: string): Promise<void> {
  if (ownerUnitId === decidingUnitId) return;
  const [owner]: Array<{ ancestor_ids: string[] }> = await tx.query('SELECT ancestor_ids FROM units WHERE id = $1', [ownerUnitId]);
  const upward = [...(owner?.ancestor_ids ?? [ownerUnitId])].reverse();
  const below = upward.slice(0, Math.max(0, upward.indexOf(decidingUnitId)));
  for (const unitId of below) {
    const totals = await reportTotals(tx, cycleId, unitId);
    await tx.query(
      `UPDATE reports SET people = $3, units = $4, remediation_plans = $5, updated_at = now() WHERE cycle_id = $1 AND unit_id = $2 AND status = 'submitted'`,
      [cycleId, unitId, JSON.stringify(totals.people), JSON.stringify(totals.units), totals.remediationPlans],
    );
  }
}
