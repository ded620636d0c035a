import { heartbeat, log } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Transition } from '../domain/review/review-machine.js';
import {
  addChildUnitUpdate,
  adoptChildUnitUpdate,
  childUnitRetiredSignal,
  adoptReviewsUpdate,
  reassignReviewUpdate,
  reparentUnitUpdate,
  retireUnitUpdate,
  reviewReleasedSignal,
  withdrawReviewUpdate,
} from '../temporal/definitions.js';
import { unitWorkflowId } from '../temporal/workflow-ids.js';
import type { ActivityDeps } from './activity-deps.js';
import type { PlannedChange } from './registry-change-plan.activity.js';
import { insertNewReviews, insertReviewEvents, syncReviewTasks } from './review-rows.js';
import { makeStartSubjectReviews } from './start-workflows.activity.js';
import { completedWorkflow, ignoringClosed } from './ignoring-closed.js';
import { handReportToNewHead } from './report-handover.js';

/**
 * Delivers one stored page of a registry import's changes, routing each on what the workflows
 * answer now rather than on the read model's phase. Every call carries an id derived from the
 * import, so a retried page applies each change once:
 * - a review moving to another unit is first offered to that unit; if it refuses (it stopped
 *   collecting) the review stays with its owner, so the owner workflow and the owner unit agree;
 * - a new review is offered to its owning unit and written and started only if accepted;
 * - a new unit is offered to its parent, which starts it once it runs, even while launching;
 * - a running unit moved under another is taken by its new parent before it reports there;
 * - a merged or dissolved unit is asked to retire; if it accepts, its report is no longer expected.
 */
export function makeDeliverRegistryChangePage(deps: ActivityDeps) {
  const startSubjectReviews = makeStartSubjectReviews(deps);
  const handle = (workflowId: string) => deps.temporal.workflow.getHandle(workflowId);

  /** The unit's answer; a unit with no workflow yet or one already closed takes nothing. */
  async function offer(ask: () => Promise<{ accepted: boolean }>): Promise<boolean> {
    return (await answerOf(ask)).accepted;
  }

  /** A closed or missing workflow takes nothing. */
  async function answerOf<A extends { accepted: boolean }>(ask: () => Promise<A>): Promise<A | { accepted: false }> {
    try {
      return await ask();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError || completedWorkflow(error)) return { accepted: false };
      throw error;
    }
  }

  async function reassign(importId: string, cycleId: string, change: Extract<PlannedChange, { kind: 'reassign' }>): Promise<void> {
    const moves = change.command.ownerUnitId !== change.fromOwnerUnitId;
    const newOwner = unitWorkflowId(cycleId, change.command.ownerUnitId);
    const adopted =
      moves &&
      (await offer(() =>
        handle(newOwner).executeUpdate(adoptReviewsUpdate, {
          updateId: `${importId}:adopt:${change.reviewId}`,
          args: [{ reviews: [{ reviewId: change.reviewId, workflowId: change.workflowId }] }],
        }),
      ));
    // Not moving, or refused: the review stays with whichever unit waits for it when the change lands
    // (another import may have moved it since this one was planned).
    const command = { ...change.command, owner: adopted ? ('adopted' as const) : ('kept' as const) };
    const applied = await ignoringClosed(deps.db, change.reviewId, () =>
      handle(change.workflowId).executeUpdate(reassignReviewUpdate, { updateId: `${importId}:reassign:${change.reviewId}`, args: [command] }),
    );
    // The review closed before it moved, so it told its owner, not the unit that took it: that one lets go.
    if (!applied && adopted) await signalIfRunning(() => handle(newOwner).signal(reviewReleasedSignal, { reviewId: change.reviewId }));
  }

  /**
   * A page's new reviews, offered to each owning unit in one Update (one answer per unit and
   * page, so a retried page gets the same one); those accepted are written, then started.
   */
  async function launch(updateId: string, launches: Transition[]): Promise<void> {
    const { cycleId, ownerUnitId } = launches[0]!.state;
    const owner = unitWorkflowId(cycleId, ownerUnitId);
    // Adopted before they are written and started: the unit never misses their closing.
    const reviews = launches.map(({ state }) => ({ reviewId: state.reviewId, workflowId: state.workflowId }));
    if (!(await offer(() => handle(owner).executeUpdate(adoptReviewsUpdate, { updateId, args: [{ reviews }] })))) {
      log.info('New subjects joined after their unit stopped collecting: not reviewed this cycle', { ownerUnitId, reviews: reviews.length });
      return;
    }
    const at = new Date().toISOString();
    let cancelled = false;
    await deps.db.transaction(async (tx) => {
      // Locked as the count below will be (a shared lock first would deadlock with a unit's plan
      // doing the same): a cancel's sweep closes what this writes; after it, nothing is written.
      const [{ status }]: Array<{ status: string }> = await tx.query('SELECT status FROM cycles WHERE id = $1 FOR NO KEY UPDATE', [cycleId]);
      if (status === 'cancelled') {
        cancelled = true;
        return;
      }
      const inserted = await insertNewReviews(tx, launches.map((l) => l.state));
      const fresh = launches.filter((l) => inserted.has(l.state.reviewId));
      await insertReviewEvents(tx, fresh.map(({ state, event }) => ({ reviewId: state.reviewId, event })));
      await syncReviewTasks(tx, fresh.map((l) => l.state), at);
      await tx.query('UPDATE cycles SET subjects_total = subjects_total + $2 WHERE id = $1', [cycleId, fresh.length]);
    });
    if (!cancelled) await startSubjectReviews({ reviewIds: reviews.map((r) => r.reviewId), ownerWorkflowId: owner });
  }

  /**
   * A running unit under another parent: the new parent first takes it, PostgreSQL then counts its
   * report there, and the unit reports there from then on; the old parent lets go. A unit that
   * already reported (its workflow completed) stays counted where it reported.
   */
  async function moveUnit(importId: string, change: Extract<PlannedChange, { kind: 'move_unit' }>): Promise<void> {
    const { cycleId, unitId } = change;
    const [from, to] = [unitWorkflowId(cycleId, change.fromParentUnitId), unitWorkflowId(cycleId, change.toParentUnitId)];
    const adopted = await offer(() => handle(to).executeUpdate(adoptChildUnitUpdate, { updateId: `${importId}:adopt-unit:${unitId}`, args: [{ unitId }] }));
    if (!adopted) return void log.info('A moved unit was not taken: its new parent stopped collecting', { unitId });
    const setParent = (parentUnitId: string) =>
      deps.db.query(`UPDATE reports SET parent_unit_id = $3, updated_at = now() WHERE cycle_id = $1 AND unit_id = $2`, [cycleId, unitId, parentUnitId]);
    await setParent(change.toParentUnitId);
    const moved = await offer(() =>
      handle(unitWorkflowId(cycleId, unitId)).executeUpdate(reparentUnitUpdate, {
        updateId: `${importId}:reparent:${unitId}`,
        args: [{ parentUnitId: change.toParentUnitId, parentWorkflowId: to }],
      }),
    );
    if (!moved) await setParent(change.fromParentUnitId);
    await signalIfRunning(() => handle(moved ? from : to).signal(childUnitRetiredSignal, { unitId }));
  }

  async function deliverOne(importId: string, cycleId: string, change: Exclude<PlannedChange, { kind: 'launch' }>): Promise<void> {
    switch (change.kind) {
      case 'reassign':
        await reassign(importId, cycleId, change);
        break;
      case 'withdraw':
        await ignoringClosed(deps.db, change.reviewId, () =>
          handle(change.workflowId).executeUpdate(withdrawReviewUpdate, { updateId: `${importId}:withdraw:${change.reviewId}`, args: [change.command] }),
        );
        break;
      case 'add_unit': {
        const accepted = await offer(() =>
          handle(change.parentWorkflowId).executeUpdate(addChildUnitUpdate, { updateId: `${importId}:add:${change.unitId}`, args: [{ unitId: change.unitId }] }),
        );
        // Not started yet, the parent reads the registry when it launches; closed, it takes nothing.
        if (!accepted) log.info('A new unit was not added: its parent takes no more units', { unitId: change.unitId });
        break;
      }
      case 'move_unit':
        await moveUnit(importId, change);
        break;
      case 'retire_unit': {
        const answer = await answerOf(() =>
          handle(change.workflowId).executeUpdate(retireUnitUpdate, {
            updateId: `${importId}:retire:${change.unitId}`,
            args: [{ status: change.status, actorId: change.actorId }],
          }),
        );
        // Before retire-ready-unit-v1 its parent no longer expects its report: the read model stops
        // showing one. Since, the unit itself removes it, or sends it with the reviews it kept.
        if (answer.accepted && !('reportsOnClose' in answer && answer.reportsOnClose)) {
          await deps.db.query(`DELETE FROM reports WHERE cycle_id = $1 AND unit_id = $2 AND status <> 'submitted'`, [change.cycleId, change.unitId]);
        } else if (!answer.accepted) log.info('A merged or dissolved unit had sent its report, or waits for calibration: its report stays as it is', { unitId: change.unitId });
        break;
      }
      case 'report_head':
        await handReportToNewHead(deps, change);
        break;
    }
  }

  return async function deliverRegistryChangePage(input: { importId: string; cycleId: string; page: number }): Promise<void> {
    const [row]: Array<{ changes: PlannedChange[] }> = await deps.db.query(
      'SELECT changes FROM registry_change_pages WHERE import_id = $1 AND cycle_id = $2 AND page = $3',
      [input.importId, input.cycleId, input.page],
    );
    if (!row) throw new Error(`No page ${input.page} of registry changes ${input.importId} for cycle ${input.cycleId}`);
    let done = 0;
    const byOwner = new Map<string, Transition[]>();
    for (const change of row.changes) {
      if (change.kind === 'launch') {
        byOwner.set(change.launch.state.ownerUnitId, [...(byOwner.get(change.launch.state.ownerUnitId) ?? []), change.launch]);
        continue;
      }
      await deliverOne(input.importId, input.cycleId, change);
      heartbeat(++done);
    }
    for (const [ownerUnitId, launches] of byOwner) {
      await launch(`${input.importId}:${input.cycleId}:${input.page}:adopt:${ownerUnitId}`, launches);
      heartbeat((done += launches.length));
    }
  };
}

async function signalIfRunning(call: () => Promise<void>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError) && !completedWorkflow(error)) throw error;
  }
}
