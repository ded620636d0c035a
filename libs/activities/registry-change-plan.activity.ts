import { heartbeat, log } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import type { ReassignReviewCommand, WithdrawReviewCommand } from '../domain/review/review-commands.js';
import { launchReview, type Transition } from '../domain/review/review-machine.js';
import { cellCriteriaFor } from '../domain/rules/four-good-cells.js';
import type { ReviewState } from '../domain/review/review-state.js';
import { planUnit, type SubjectPlan } from '../domain/org/subject-plan.js';
import { deciderFor } from '../domain/rules/deciding.js';
import { committeeFor, type ManagingCommittee } from '../domain/org/managing-committee.js';
import { ruleSetFor } from '../domain/rules/rule-sets.js';
import { CycleEntity } from '../persistence/entities/index.js';
import { loadSubtree } from '../persistence/registry-reader.js';
import { reviewWorkflowId, unitWorkflowId } from '../temporal/workflow-ids.js';
import { reviewIdFor } from './review-id.js';
import { gatherSubjectFacts } from './subject-facts.js';

/**
 * One thing a registry import changed for a running cycle, as planned before anyone was asked.
 * Where it goes is settled at delivery by the workflows themselves (see registry-change-delivery).
 */
export type PlannedChange =
  | { kind: 'reassign'; reviewId: string; workflowId: string; fromOwnerUnitId: string; command: ReassignReviewCommand }
  | { kind: 'withdraw'; reviewId: string; workflowId: string; command: WithdrawReviewCommand }
  /** A new subject's review, launched once its owning unit accepts to wait for it. */
  | { kind: 'launch'; launch: Transition }
  | { kind: 'report_head'; cycleId: string; unitId: string; workflowId: string; headId: string }
  | { kind: 'add_unit'; unitId: string; parentWorkflowId: string }
  /** A launched unit now under another parent (its own merged or dissolved): it reports there. */
  | { kind: 'move_unit'; cycleId: string; unitId: string; fromParentUnitId: string; toParentUnitId: string }
  /** A unit merged or dissolved: its workflow retires, and its report is no longer expected. */
  | { kind: 'retire_unit'; cycleId: string; unitId: string; workflowId: string; status: 'merged' | 'dissolved'; actorId: string };

export interface ChangePlan {
  changes: number;
  pages: number;
}

/** Changes per stored page: what one delivery activity reads and applies. */
export const CHANGES_PER_PAGE = 100;
/** Review states read at a time while planning. */
const REVIEWS_PER_READ = 500;

interface Desired {
  plan: SubjectPlan;
  deciderId: string | null;
  committee: ManagingCommittee | null;
}

interface ReviewRow {
  id: string;
  subject_type: string;
  subject_id: string;
  status: string;
  state: ReviewState | null;
}

const subjectKey = (type: string, id: string) => `${type}:${id}`;

/**
 * Compares a cycle's reviews with what the registry says now and stores the changes in
 * PostgreSQL, page by page, under the import and the cycle; returns only how many there are. A
 * retry finds the stored plan and plans nothing again. Review states are read a page at a time.
 * - a struck-off person's review is withdrawn;
 * - a review the registry now places differently (a transfer, a new head) is reassigned, to the
 *   unit that owns it now if that unit accepts it at delivery;
 * - a subject without a review (a new member, a new unit and its head) whose owning unit has
 *   launched gets one, with the facts and the decider every review is launched with;
 * - a unit the cycle has no report for is added under its parent (whatever the read model says
 *   of the parent's phase: the parent's workflow answers);
 * - a report not yet submitted goes to its unit's new head;
 * - a launched unit moved under another launched unit reports there;
 * - a unit merged or dissolved retires (its people and child units were moved out by the import,
 *   so their reviews move as transfers): its own collective review continues with the receiving
 *   unit's (the placement that unit's collective review has now), or ends withdrawn when dissolved.
 */
export function makePlanRegistryChangePages(db: DataSource) {
  return async function planRegistryChangePages(input: { importId: string; cycleId: string; actorId: string }): Promise<ChangePlan> {
    const key = [input.importId, input.cycleId];
    const [stored]: ChangePlan[] = await db.query('SELECT changes, pages FROM registry_change_plans WHERE import_id = $1 AND cycle_id = $2', key);
    if (stored) return stored;
    // A barrier, not a lock kept: waits for the unit plans under way (they hold the cycle in share).
    // One that read the registry before this import committed has recorded its report by then,
    // so what it missed is seen here as missing from a launched unit; later ones read the import.
    await db.query('SELECT id FROM cycles WHERE id = $1 FOR UPDATE', [input.cycleId]);

    return db.transaction(async (tx) => {
      // Another attempt may have left pages behind before it failed: start over.
      await tx.query('DELETE FROM registry_change_pages WHERE import_id = $1 AND cycle_id = $2', key);
      const pages = new PageWriter(tx, input.importId, input.cycleId);
      await planInto(tx, input, pages);
      const plan = await pages.close();
      await tx.query('INSERT INTO registry_change_plans (import_id, cycle_id, changes, pages) VALUES ($1, $2, $3, $4)', [...key, plan.changes, plan.pages]);
      log.info('Registry changes planned', { cycleId: input.cycleId, ...plan });
      return plan;
    });
  };
}

async function planInto(tx: EntityManager, input: { cycleId: string; actorId: string }, pages: PageWriter): Promise<void> {
  const cycle = await tx.getRepository(CycleEntity).findOneByOrFail({ id: input.cycleId });
  if (cycle.status !== 'launching' && cycle.status !== 'running') return;
  const tree = await loadSubtree(tx, cycle.rootUnitId);
  const scope = { rootUnitId: cycle.rootUnitId, superiorReviewerId: cycle.superiorReviewerId };
  const ruleSet = ruleSetFor(cycle.policy.ruleSet, cycle.policy.ruleSetVersion);
  const desired = new Map<string, Desired>();
  const heads = new Map<string, string | null>();
  for (const unitId of tree.subtreeOf(cycle.rootUnitId)) {
    const plan = planUnit(tree, unitId, scope);
    heads.set(unitId, plan.headId);
    for (const subject of plan.subjects) {
      // As a unit's launch does: a deciding review one level up also makes the decider's unit the quota group.
      const decider = deciderFor(ruleSet.decidingReview, tree, subject);
      const placed = decider ? { ...subject, decidingUnitId: decider.decidingUnitId } : subject;
      desired.set(subjectKey(subject.subjectType, subject.subjectId), { plan: placed, deciderId: decider?.deciderId ?? null, committee: committeeFor(tree, subject, decider) });
    }
  }
  const reports = new Map(
    (
      (await tx.query('SELECT unit_id, parent_unit_id, status, head_id FROM reports WHERE cycle_id = $1', [cycle.id])) as Array<{
        unit_id: string;
        parent_unit_id: string | null;
        status: string;
        head_id: string | null;
      }>
    ).map(
      (r) => [r.unit_id, r],
    ),
  );

  // The read model may show a unit collecting after its workflow stopped (it is written later), so
  // only the workflow's answer at delivery says a unit takes something; a unit shown past
  // collecting, though, stopped for good and is not asked.
  const stopped = (unitId: string) => (reports.get(unitId)?.status ?? 'collecting') !== 'collecting';

  // Units merged or dissolved since they launched (never the cycle's root, which has no parent unit)
  // are asked to retire before their reviews move out, or one left with nothing to wait for would
  // prepare its report first. One whose report is ready is asked too: it sends the report on retiring.
  const unsent = (unitId: string) => reports.get(unitId)?.status !== 'submitted';
  const retiring = await retiredUnits(tx, [...reports.keys()].filter((unitId) => unitId !== cycle.rootUnitId && unsent(unitId)));
  for (const [unitId, { status }] of retiring) {
    await pages.add({ kind: 'retire_unit', cycleId: cycle.id, unitId, workflowId: unitWorkflowId(cycle.id, unitId), status, actorId: input.actorId });
  }

  // Launched units the registry now places under another launched unit (their parent merged or
  // dissolved): the new parent waits for them, and they report there.
  for (const report of reports.values()) {
    const parentId = tree.unit(report.unit_id)?.parentId ?? null;
    if (report.unit_id === cycle.rootUnitId || parentId === null || report.parent_unit_id === null || parentId === report.parent_unit_id) continue;
    if (report.status === 'submitted' || !reports.has(parentId) || stopped(parentId)) continue;
    await pages.add({ kind: 'move_unit', cycleId: cycle.id, unitId: report.unit_id, fromParentUnitId: report.parent_unit_id, toParentUnitId: parentId });
  }

  // Open reviews, a page of states at a time: withdrawn or reassigned.
  const known = new Set<string>();
  for (let after = ''; ; ) {
    const rows: ReviewRow[] = await tx.query(
      `SELECT id, subject_type, subject_id, status, CASE WHEN status = 'open' THEN state END AS state
         FROM reviews WHERE cycle_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
      [cycle.id, after, REVIEWS_PER_READ],
    );
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    for (const r of rows) known.add(subjectKey(r.subject_type, r.subject_id));
    const open = rows.filter((r) => r.status === 'open').map((r) => r.state!);
    const struckOff = new Set(
      ((await tx.query(`SELECT id FROM people WHERE status = 'struck_off' AND id = ANY($1)`, [
        open.filter((s) => s.subject.type === 'person').map((s) => s.subject.id),
      ])) as Array<{ id: string }>).map((r) => r.id),
    );
    const leftUnits = await retiredUnits(
      tx,
      open.filter((s) => s.subject.type === 'unit').map((s) => s.subject.id),
    );
    for (const state of open) {
      const target = { reviewId: state.reviewId, workflowId: state.workflowId };
      if (state.subject.type === 'person' && struckOff.has(state.subject.id)) {
        await pages.add({ kind: 'withdraw', ...target, command: { actorId: input.actorId, reason: 'struck_off' } });
        continue;
      }
      const left = state.subject.type === 'unit' ? leftUnits.get(state.subject.id) : undefined;
      // A merged unit's collective review is placed as the receiving unit's own is now; with no
      // such placement (a dissolved unit, or nobody to review the receiver) it ends withdrawn.
      const receiving = left?.receivingUnitId ? desired.get(subjectKey('unit', left.receivingUnitId))?.plan : undefined;
      if (left && !receiving) {
        await pages.add({ kind: 'withdraw', ...target, command: { actorId: input.actorId, reason: left.status === 'merged' ? 'unit_merged' : 'unit_dissolved' } });
        continue;
      }
      const wanted = receiving ? undefined : desired.get(subjectKey(state.subject.type, state.subject.id));
      const now = receiving ?? wanted?.plan;
      if (!now) continue; // nobody could act on it now, or it left the cycle's tree: left as it is
      // It moves to the unit that owns it now unless that unit surely stopped collecting; whether
      // that unit takes it is its workflow's answer at delivery.
      // A run reopened by calibration for its plan is waited for by the deciding unit: it stays there.
      const ownRun = state.workflowId === reviewWorkflowId(cycle.id, state.subject.type, state.subject.id);
      const moves = ownRun && now.ownerUnitId !== state.ownerUnitId && !stopped(now.ownerUnitId);
      const command: ReassignReviewCommand = {
        actorId: input.actorId,
        // The subject moved to another unit, or someone else heads a unit around it.
        reason: receiving ? 'unit_merged' : now.unitId !== state.unitId ? 'transferred' : 'head_changed',
        reviewerId: now.reviewerId,
        selfActorId: now.selfActorId,
        unitId: now.unitId,
        ownerUnitId: moves ? now.ownerUnitId : state.ownerUnitId,
        decidingUnitId: moves ? now.decidingUnitId : state.decidingUnitId,
      };
      // A standing committee's review not decided yet goes to the managing unit's head of the day.
      const committeeHead = wanted?.committee?.unitId === state.committee?.unitId ? wanted?.committee?.reviewerId : undefined;
      if (state.committee && state.committee.status !== 'decided' && committeeHead !== undefined && committeeHead !== state.committee.reviewerId) {
        command.committeeReviewerId = committeeHead;
      }
      const same = (['reviewerId', 'selfActorId', 'unitId', 'ownerUnitId', 'decidingUnitId'] as const).every((k) => command[k] === state[k]) && command.committeeReviewerId === undefined;
      if (!same) await pages.add({ kind: 'reassign', ...target, fromOwnerUnitId: state.ownerUnitId, command });
    }
    heartbeat(after);
  }

  // New units: in the tree, never launched. Their parent's workflow says whether it takes them.
  const addedUnits = tree.subtreeOf(cycle.rootUnitId).filter(
    (unitId) => !reports.has(unitId) && unitId !== cycle.rootUnitId && !stopped(tree.unit(unitId)!.parentId!),
  );
  for (const unitId of addedUnits) {
    await pages.add({ kind: 'add_unit', unitId, parentWorkflowId: unitWorkflowId(cycle.id, tree.unit(unitId)!.parentId!) });
  }

  // New subjects whose owning unit has launched (a unit not launched yet plans its own from the
  // registry), and a new unit's own and its head's reviews: its parent may have read the registry
  // before the unit existed while still launching; the parent's answer at delivery decides.
  const added = new Set(addedUnits);
  const joining = [...desired.values()].filter(
    ({ plan }) =>
      !known.has(subjectKey(plan.subjectType, plan.subjectId)) && (reports.has(plan.ownerUnitId) || added.has(plan.unitId)) && !stopped(plan.ownerUnitId),
  );
  const at = new Date().toISOString();
  for (let i = 0; i < joining.length; i += REVIEWS_PER_READ) {
    const batch = joining.slice(i, i + REVIEWS_PER_READ);
    // A member joining mid-cycle is bound by the conditions like everyone else (discipline of the year).
    const facts = await gatherSubjectFacts(tx, cycle.year, batch.map((d) => d.plan));
    heartbeat(i);
    for (const { plan, deciderId, committee } of batch) {
      const launch = launchReview(
        {
          reviewId: reviewIdFor(cycle.id, plan.subjectType, plan.subjectId),
          cycleId: cycle.id,
          workflowId: reviewWorkflowId(cycle.id, plan.subjectType, plan.subjectId),
          plan,
          ruleSetId: ruleSet.id,
          ruleSetVersion: ruleSet.version,
          calendar: cycle.calendar,
          noticeSweep: cycle.noticeSweep,
          launchedBy: input.actorId,
          facts: facts.get(subjectKey(plan.subjectType, plan.subjectId))!,
          deciderId,
          cellCriteria: cellCriteriaFor(cycle.cellCriteria, plan.subjectType, tree.unit(plan.subjectId)?.kind),
          committee,
        },
        at,
      );
      await pages.add({ kind: 'launch', launch: { state: launch.state, event: { ...launch.event, data: { ...launch.event.data, joinedMidCycle: true } } } });
    }
  }

  for (const report of reports.values()) {
    const headId = heads.get(report.unit_id) ?? cycle.superiorReviewerId;
    if (report.status === 'submitted' || !headId || headId === report.head_id) continue;
    await pages.add({ kind: 'report_head', cycleId: cycle.id, unitId: report.unit_id, workflowId: unitWorkflowId(cycle.id, report.unit_id), headId });
  }
}

/**
 * Which of these units were merged or dissolved, with the active unit a merged one ended up in
 * (following merges of merges).
 */
async function retiredUnits(tx: EntityManager, unitIds: string[]): Promise<Map<string, { status: 'merged' | 'dissolved'; receivingUnitId: string | null }>> {
  if (unitIds.length === 0) return new Map();
  const rows: Array<{ id: string; status: 'merged' | 'dissolved'; receiving: string | null }> = await tx.query(
    `WITH RECURSIVE chain AS (
       SELECT id AS start, id, status, merged_into, 0 AS depth FROM units WHERE id = ANY($1) AND status <> 'active'
       UNION ALL
       SELECT c.start, u.id, u.status, u.merged_into, c.depth + 1 FROM chain c JOIN units u ON u.id = c.merged_into WHERE c.status = 'merged' AND c.depth < 50
     )
     SELECT s.start AS id, (SELECT status FROM units WHERE id = s.start) AS status,
            (SELECT c.id FROM chain c WHERE c.start = s.start AND c.status = 'active') AS receiving
       FROM (SELECT DISTINCT start FROM chain) s`,
    [unitIds],
  );
  return new Map(rows.map((r) => [r.id, { status: r.status, receivingUnitId: r.status === 'merged' ? r.receiving : null }]));
}

/** Writes planned changes to PostgreSQL a page at a time, so no more than a page is held. */
class PageWriter {
  private buffer: PlannedChange[] = [];
  private pages = 0;
  private changes = 0;

  constructor(
    private readonly tx: EntityManager,
    private readonly importId: string,
    private readonly cycleId: string,
  ) {}

  async add(change: PlannedChange): Promise<void> {
    this.buffer.push(change);
    this.changes++;
    if (this.buffer.length >= CHANGES_PER_PAGE) await this.flush();
  }

  async close(): Promise<ChangePlan> {
    await this.flush();
    return { changes: this.changes, pages: this.pages };
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    await this.tx.query('INSERT INTO registry_change_pages (import_id, cycle_id, page, changes) VALUES ($1, $2, $3, $4)', [
      this.importId,
      this.cycleId,
      this.pages++,
      JSON.stringify(this.buffer),
    ]);
    this.buffer = [];
  }
}
