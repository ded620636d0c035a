import { heartbeat, log } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import type { ReassignReviewCommand, WithdrawReviewCommand } from '../domain/review/review-commands.js';
import { launchReview } from '../domain/review/review-machine.js';
import { cellCriteriaFor } from '../domain/rules/four-good-cells.js';
import { gatherSubjectFacts } from './subject-facts.js';
import type { ReviewState } from '../domain/review/review-state.js';
import { planUnit, type SubjectPlan } from '../domain/org/subject-plan.js';
import { CycleEntity } from '../persistence/entities/index.js';
import { loadSubtree } from '../persistence/registry-reader.js';
import { childUnitAddedSignal, reassignReviewUpdate, reviewAdoptedSignal, withdrawReviewUpdate } from '../temporal/definitions.js';
import { reviewWorkflowId, unitWorkflowId } from '../temporal/workflow-ids.js';
import type { ActivityDeps } from './activity-deps.js';
import { reviewIdFor } from './review-id.js';
import { insertNewReviews, insertReviewEvents, syncReviewTasks } from './review-rows.js';
import { makeStartSubjectReviews } from './start-workflows.activity.js';
import { ignoringClosed } from './ignoring-closed.js';
import { handReportToNewHead } from './report-handover.js';

/** One thing a registry import changed for a running cycle, addressed to the workflow it concerns. */
export type RegistryChange =
  | { kind: 'reassign'; reviewId: string; workflowId: string; command: ReassignReviewCommand }
  | { kind: 'withdraw'; reviewId: string; workflowId: string; command: WithdrawReviewCommand }
  | { kind: 'launch'; reviewId: string; workflowId: string; ownerWorkflowId: string }
  | { kind: 'report_head'; cycleId: string; unitId: string; workflowId: string; headId: string }
  | { kind: 'add_unit'; unitId: string; parentWorkflowId: string };

interface ReportRow {
  unit_id: string;
  status: string;
  head_id: string | null;
}

const subjectKey = (type: string, id: string) => `${type}:${id}`;

/**
 * Compares a cycle's open reviews with what the registry says now, and lists the changes:
 * - a struck-off person's review is withdrawn;
 * - a review whose reviewer, self-actor or unit the registry now names differently (a transfer,
 *   a new head) is reassigned; it moves to another unit only while that unit still collects;
 * - a subject the cycle has no review for (a new member) gets one, written here at
 *   `target_assignment` by the importing admin, when its unit still collects;
 * - a report not yet submitted goes to its unit's new head;
 * - a unit created under a unit that still collects gets its own unit workflow (which launches
 *   its members' reviews); the new unit and its head are reviewed as new subjects of the parent.
 * Workflows are changed by `deliverRegistryChanges`; the only writes here are new members'
 * review rows, so their workflows start from the read model as launched reviews do (a retry
 * finds them and writes nothing twice).
 */
export function makePlanRegistryChanges(db: DataSource) {
  return async function planRegistryChanges(input: { cycleId: string; actorId: string }): Promise<RegistryChange[]> {
    const cycle = await db.getRepository(CycleEntity).findOneByOrFail({ id: input.cycleId });
    if (cycle.status !== 'launching' && cycle.status !== 'running') return [];
    const tree = await loadSubtree(db, cycle.rootUnitId);
    const scope = { rootUnitId: cycle.rootUnitId, superiorReviewerId: cycle.superiorReviewerId };
    const desired = new Map<string, SubjectPlan>();
    const heads = new Map<string, string | null>();
    for (const unitId of tree.subtreeOf(cycle.rootUnitId)) {
      const plan = planUnit(tree, unitId, scope);
      heads.set(unitId, plan.headId);
      for (const subject of plan.subjects) desired.set(subjectKey(subject.subjectType, subject.subjectId), subject);
    }
    const reports = new Map(
      ((await db.query('SELECT unit_id, status, head_id FROM reports WHERE cycle_id = $1', [cycle.id])) as ReportRow[]).map((r) => [r.unit_id, r]),
    );
    const collecting = (unitId: string) => reports.get(unitId)?.status === 'collecting';
    const reviews: Array<{ subject_type: string; subject_id: string; status: string; state: ReviewState }> = await db.query(
      `SELECT subject_type, subject_id, status, CASE WHEN status = 'open' THEN state END AS state FROM reviews WHERE cycle_id = $1`,
      [cycle.id],
    );
    const struckOff = new Set(
      ((await db.query(`SELECT id FROM people WHERE status = 'struck_off' AND id = ANY($1)`, [
        reviews.filter((r) => r.subject_type === 'person' && r.status === 'open').map((r) => r.subject_id),
      ])) as Array<{ id: string }>).map((r) => r.id),
    );

    const changes: RegistryChange[] = [];
    for (const { state } of reviews.filter((r) => r.status === 'open')) {
      const target = { reviewId: state.reviewId, workflowId: state.workflowId };
      if (state.subject.type === 'person' && struckOff.has(state.subject.id)) {
        changes.push({ kind: 'withdraw', ...target, command: { actorId: input.actorId, reason: 'struck_off' } });
        continue;
      }
      const now = desired.get(subjectKey(state.subject.type, state.subject.id));
      if (!now) continue; // nobody could act on it now, or it left the cycle's tree: left as it is
      // A review changes unit only to one whose workflow still waits for reviews.
      const moves = now.ownerUnitId !== state.ownerUnitId && collecting(now.ownerUnitId);
      const command: ReassignReviewCommand = {
        actorId: input.actorId,
        // The subject moved to another unit, or someone else heads a unit around it.
        reason: now.unitId !== state.unitId ? 'transferred' : 'head_changed',
        reviewerId: now.reviewerId,
        selfActorId: now.selfActorId,
        unitId: now.unitId,
        ownerUnitId: moves ? now.ownerUnitId : state.ownerUnitId,
        decidingUnitId: moves ? now.decidingUnitId : state.decidingUnitId,
      };
      const same = (['reviewerId', 'selfActorId', 'unitId', 'ownerUnitId', 'decidingUnitId'] as const).every((k) => command[k] === state[k]);
      if (!same) changes.push({ kind: 'reassign', ...target, command });
    }

    // New units: in the tree now, never launched, under a unit whose workflow still collects.
    const addedUnits = tree
      .subtreeOf(cycle.rootUnitId)
      .filter((unitId) => !reports.has(unitId) && unitId !== cycle.rootUnitId && collecting(tree.unit(unitId)!.parentId!));
    for (const unitId of addedUnits) {
      changes.push({ kind: 'add_unit', unitId, parentWorkflowId: unitWorkflowId(cycle.id, tree.unit(unitId)!.parentId!) });
    }

    // New members: subjects with no review yet, in units that were launched (or are being added)
    // and whose owning unit still collects. A new unit's own members are launched by its workflow.
    const known = new Set(reviews.map((r) => subjectKey(r.subject_type, r.subject_id)));
    const launched = (unitId: string) => reports.has(unitId) || addedUnits.includes(unitId);
    const joining = [...desired.values()].filter(
      (s) => !known.has(subjectKey(s.subjectType, s.subjectId)) && collecting(s.ownerUnitId) && launched(s.unitId),
    );
    const at = new Date().toISOString();
    // A member joining mid-cycle is bound by the conditions like everyone else (discipline of the year).
    const facts = await gatherSubjectFacts(db, cycle.year, joining);
    const launches = joining.map((subject) =>
      launchReview(
        {
          reviewId: reviewIdFor(cycle.id, subject.subjectType, subject.subjectId),
          cycleId: cycle.id,
          workflowId: reviewWorkflowId(cycle.id, subject.subjectType, subject.subjectId),
          plan: subject,
          ruleSetId: cycle.policy.ruleSet,
          ruleSetVersion: cycle.policy.ruleSetVersion ?? 1,
          calendar: cycle.calendar,
          noticeSweep: cycle.noticeSweep,
          launchedBy: input.actorId,
          facts: facts.get(`${subject.subjectType}:${subject.subjectId}`)!,
          cellCriteria: cellCriteriaFor(cycle.cellCriteria, subject.subjectType, tree.unit(subject.subjectId)?.kind),
        },
        at,
      ),
    );
    if (launches.length > 0) {
      await db.transaction(async (tx) => {
        const inserted = await insertNewReviews(tx, launches.map((l) => l.state));
        const fresh = launches.filter((l) => inserted.has(l.state.reviewId));
        const events = fresh.map((l) => ({ reviewId: l.state.reviewId, event: { ...l.event, data: { ...l.event.data, joinedMidCycle: true } } }));
        await insertReviewEvents(tx, events);
        await syncReviewTasks(tx, fresh.map((l) => l.state), at);
        await tx.query('UPDATE cycles SET subjects_total = subjects_total + $2 WHERE id = $1', [cycle.id, fresh.length]);
      });
    }
    for (const { state } of launches) {
      changes.push({ kind: 'launch', reviewId: state.reviewId, workflowId: state.workflowId, ownerWorkflowId: unitWorkflowId(cycle.id, state.ownerUnitId) });
    }

    for (const report of reports.values()) {
      const headId = heads.get(report.unit_id) ?? cycle.superiorReviewerId;
      if (report.status === 'submitted' || !headId || headId === report.head_id) continue;
      changes.push({ kind: 'report_head', cycleId: cycle.id, unitId: report.unit_id, workflowId: unitWorkflowId(cycle.id, report.unit_id), headId });
    }
    log.info('Registry changes planned', { cycleId: cycle.id, changes: changes.length });
    return changes;
  };
}

/**
 * Applies planned changes, each with an id derived from the import so a retry applies it once:
 * reviews take Updates (a review closed meanwhile is left alone); a new review is first adopted
 * by its unit, then started; a new head gets the unit's report and its open submit task.
 */
export function makeDeliverRegistryChanges(deps: ActivityDeps) {
  const startSubjectReviews = makeStartSubjectReviews(deps);
  return async function deliverRegistryChanges(input: { importId: string; changes: RegistryChange[] }): Promise<void> {
    let done = 0;
    for (const change of input.changes) {
      switch (change.kind) {
        case 'reassign':
          await ignoringClosed(deps.db, change.reviewId, () =>
            deps.temporal.workflow
              .getHandle(change.workflowId)
              .executeUpdate(reassignReviewUpdate, { updateId: `${input.importId}:reassign:${change.reviewId}`, args: [change.command] }),
          );
          break;
        case 'withdraw':
          await ignoringClosed(deps.db, change.reviewId, () =>
            deps.temporal.workflow
              .getHandle(change.workflowId)
              .executeUpdate(withdrawReviewUpdate, { updateId: `${input.importId}:withdraw:${change.reviewId}`, args: [change.command] }),
          );
          break;
        case 'launch':
          // Adopted before it starts: the unit never misses its closing.
          await deps.temporal.workflow.getHandle(change.ownerWorkflowId).signal(reviewAdoptedSignal, { reviewId: change.reviewId, workflowId: change.workflowId });
          await startSubjectReviews({ reviewIds: [change.reviewId], ownerWorkflowId: change.ownerWorkflowId });
          break;
        case 'add_unit':
          await deps.temporal.workflow.getHandle(change.parentWorkflowId).signal(childUnitAddedSignal, { unitId: change.unitId });
          break;
        case 'report_head':
          await handReportToNewHead(deps, change);
          break;
      }
      heartbeat(++done);
    }
  };
}
