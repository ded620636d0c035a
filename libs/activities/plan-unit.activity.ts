import { log } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { emptyCounts } from '../domain/report-counts.js';
import { planUnit, type UnstaffedSubject } from '../domain/org/subject-plan.js';
import { launchReview } from '../domain/review/review-machine.js';
import { cellCriteriaFor } from '../domain/rules/four-good-cells.js';
import { deciderFor } from '../domain/rules/deciding.js';
import { committeeFor } from '../domain/org/managing-committee.js';
import { ruleSetFor } from '../domain/rules/rule-sets.js';
import { CycleEntity } from '../persistence/entities/index.js';
import { reviewWorkflowId } from '../temporal/workflow-ids.js';
import { loadTreeAround } from '../persistence/registry-reader.js';
import { reviewIdFor } from './review-id.js';
import { gatherSubjectFacts } from './subject-facts.js';
import { insertNewReviews, insertReviewEvents, syncReviewTasks } from './review-rows.js';

export interface PlannedReview {
  reviewId: string;
  workflowId: string;
}

export interface UnitLaunchPlan {
  reviews: PlannedReview[];
  childUnitIds: string[];
  headId: string | null;
  unstaffed: UnstaffedSubject[];
}

/**
 * Reads the registry around a unit, decides which reviews the unit runs and writes them (with
 * their first task and history entry) to the read model. Safe to retry: existing rows are kept.
 */
export function makePlanUnit(db: DataSource) {
  return async function planUnitReviews(input: { cycleId: string; unitId: string; parentUnitId: string | null }): Promise<UnitLaunchPlan> {
    const cycle = await db.getRepository(CycleEntity).findOneByOrFail({ id: input.cycleId });
    const ruleSet = ruleSetFor(cycle.policy.ruleSet, cycle.policy.ruleSetVersion);
    const at = new Date().toISOString();

    let cancelled = false;
    const { plan, launches } = await db.transaction(async (tx) => {
      // Shared lock: a cancel's sweep waits for this plan and closes what it wrote; a plan after it writes nothing.
      // The registry is read only once it is held: an import's planning of registry changes waits
      // for this plan to be recorded, so whatever this plan read too early, that one sees missing.
      const [{ status }]: Array<{ status: string }> = await tx.query('SELECT status FROM cycles WHERE id = $1 FOR SHARE', [cycle.id]);
      const tree = await loadTreeAround(tx, input.unitId);
      const plan = planUnit(tree, input.unitId, { rootUnitId: cycle.rootUnitId, superiorReviewerId: cycle.superiorReviewerId });
      if (status === 'cancelled') {
        cancelled = true;
        return { plan, launches: [] };
      }
      if (plan.unstaffed.length > 0) log.warn('Some subjects cannot be staffed and are not reviewed', { unitId: input.unitId, unstaffed: plan.unstaffed });
      const facts = await gatherSubjectFacts(tx, cycle.year, plan.subjects);
      const launches = plan.subjects.map((subject) => {
        // A deciding review one level up also makes the decider's unit the quota group.
        const decider = deciderFor(ruleSet.decidingReview, tree, subject);
        return launchReview(
          {
            reviewId: reviewIdFor(cycle.id, subject.subjectType, subject.subjectId),
            cycleId: cycle.id,
            workflowId: reviewWorkflowId(cycle.id, subject.subjectType, subject.subjectId),
            plan: decider ? { ...subject, decidingUnitId: decider.decidingUnitId } : subject,
            ruleSetId: ruleSet.id,
            ruleSetVersion: ruleSet.version,
            calendar: cycle.calendar,
            noticeSweep: cycle.noticeSweep,
            launchedBy: cycle.createdBy,
            facts: facts.get(`${subject.subjectType}:${subject.subjectId}`)!,
            deciderId: decider?.deciderId ?? null,
            cellCriteria: cellCriteriaFor(cycle.cellCriteria, subject.subjectType, tree.unit(subject.subjectId)?.kind),
            committee: committeeFor(tree, subject, decider),
          },
          at,
        );
      });
      const inserted = await insertNewReviews(tx, launches.map((l) => l.state));
      const fresh = launches.filter((l) => inserted.has(l.state.reviewId));
      // A review this unit's people already have under another unit (a member moved into a unit
      // created by the same import) stays there: this unit neither starts it nor waits for it.
      // One a previous attempt of this plan inserted is this unit's and is kept.
      const owned: Array<{ id: string }> = await tx.query('SELECT id FROM reviews WHERE id = ANY($1) AND owner_unit_id = $2', [
        launches.map((l) => l.state.reviewId),
        input.unitId,
      ]);
      const ours = new Set(owned.map((r) => r.id));
      await insertReviewEvents(tx, fresh.map((l) => ({ reviewId: l.state.reviewId, event: l.event })));
      await syncReviewTasks(tx, fresh.map((l) => l.state), at);
      // A unit launched after the cycle is running (created mid-cycle) adds subjects to its count.
      await tx.query(`UPDATE cycles SET subjects_total = subjects_total + $2 WHERE id = $1 AND status = 'running'`, [cycle.id, fresh.length]);
      await tx.query(
        `INSERT INTO reports (cycle_id, unit_id, parent_unit_id, status, head_id, people, units, updated_at)
         VALUES ($1, $2, $3, 'collecting', $4, $5, $5, $6) ON CONFLICT DO NOTHING`,
        [cycle.id, input.unitId, input.parentUnitId, plan.headId, JSON.stringify(emptyCounts()), at],
      );
      return { plan, launches: launches.filter((l) => ours.has(l.state.reviewId)) };
    });

    if (cancelled) return { reviews: [], childUnitIds: [], headId: plan.headId, unstaffed: plan.unstaffed };
    return {
      reviews: launches.map((l) => ({ reviewId: l.state.reviewId, workflowId: l.state.workflowId })),
      childUnitIds: plan.childUnitIds,
      headId: plan.headId,
      unstaffed: plan.unstaffed,
    };
  };
}
