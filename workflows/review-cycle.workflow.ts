import {
  allHandlersFinished,
  condition,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { ReviewActivities } from '../libs/activities/index.js';
import { ConflictError, ErrorCode } from '../libs/domain/errors.js';
import type { CycleStatus } from '../libs/domain/enums.js';
import { cancelCycleUpdate, changeCalendarUpdate, cycleProgressQuery, reportSubmittedSignal, subtreeLaunchedSignal } from '../libs/temporal/definitions.js';
import { toApplicationFailure } from '../libs/temporal/failure-codec.js';
import { storageRefusal } from '../libs/temporal/storage-refusal.js';
import { operationWorkflowId, unitWorkflowId } from '../libs/temporal/workflow-ids.js';
import type { OperationStarted, ReportSubmitted, ReviewCycleInput } from '../libs/temporal/workflow-inputs.js';
import { bulkOperationWorkflow } from './bulk-operation.workflow.js';
import { reviewSearchAttributes } from './search-attributes.js';
import { unitReviewWorkflow } from './unit-review.workflow.js';

const { markCycleRunning, markCycleCompleted, recordCycleCancelled, cancelWorkflows, applyCalendarChange } = proxyActivities<ReviewActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
// Each records one short transaction, so the Update (and the HTTP request) answers at once.
const { recordCalendarMove, recordCancelStarted } = proxyActivities<ReviewActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

// The cycle's notice sweep (cycle-notice-sweep-v1): when the next notice is due, and the sweep that sends it.
const { nextNoticeSweepAt } = proxyActivities<ReviewActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { sweepDueNotices } = proxyActivities<ReviewActivities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** The longest the sweep sleeps without asking again (a task created after its notice time waits at most this long). */
const NOTICE_SWEEP_CAP_MS = 12 * 3600_000;
/** After a calendar move, while the reviews still take the new dates, the sweep asks again this often… */
const CALENDAR_MOVE_POLL_MS = 5_000;
/** …for at most this long after the move. */
const CALENDAR_MOVE_SETTLE_MS = 10 * 60_000;
/** A sweep that found nothing to send although a notice seemed due is not repeated sooner than this (no tight loop). */
const IDLE_SWEEP_PAUSE_MS = 30_000;

/** Starts the workflow that carries a bulk operation on after the Update answered; it outlives the cycle's. */
async function startOperation(operationId: string): Promise<OperationStarted> {
  await startChild(bulkOperationWorkflow, {
    workflowId: operationWorkflowId(operationId),
    args: [{ operationId }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
  return { operationId };
}

export interface CycleOutcome {
  status: CycleStatus;
  rootReport: ReportSubmitted | null;
}

/**
 * One annual cycle: starts the root unit's workflow (which starts everything below it), marks
 * the cycle running once every unit has launched and completed once the root has reported;
 * handles cancellation.
 */
export async function reviewCycleWorkflow(input: ReviewCycleInput): Promise<CycleOutcome> {
  let status: CycleStatus = 'launching';
  let launched = false;
  let rootReport: ReportSubmitted | null = null;
  const rootWorkflowId = unitWorkflowId(input.cycleId, input.rootUnitId);
  // Cycles started since: cancelled only once PostgreSQL recorded it; meanwhile nothing else is marked.
  const recordedFirst = patched('cancel-recorded-first-v1');
  let cancelling = false;
  // `status` also changes in the cancel handler while this code awaits; read it through a function.
  const cancelled = () => status === 'cancelled';
  // Cycles created since: one sweep sends every review's notices (their reviews carry `noticeSweep`).
  const noticeSweep = input.noticeSweep === true && patched('cycle-notice-sweep-v1');
  // Wakes the sweep early: the launch ends (its reviews' tasks are there: one launched after its due
  // date is told at once) or a calendar move is recorded (the sweep then follows the reviews taking the new dates).
  let sweepWakes = 0;
  let lastCalendarMoveAt = -Infinity;

  setHandler(subtreeLaunchedSignal, () => {
    launched = true;
    sweepWakes++;
  });
  setHandler(reportSubmittedSignal, (report) => void (rootReport = report));
  setHandler(cycleProgressQuery, () => ({ status }));
  setHandler(
    cancelCycleUpdate,
    async ({ actorId, reason }) => {
      // Since bulk operations: the cycle is recorded cancelled, then an operation sweeps its reviews in batches.
      if (patched('bulk-operations-v1')) {
        while (cancelling) await condition(() => !cancelling);
        if (cancelled()) throw toApplicationFailure(new ConflictError(ErrorCode.Closed, 'The cycle is already cancelled.'));
        cancelling = true;
        const operationId = uuid4();
        try {
          await recordCancelStarted({ operationId, cycleId: input.cycleId, actorId, reason, at: new Date().toISOString() });
        } catch (error) {
          throw storageRefusal(error);
        } finally {
          cancelling = false;
        }
        status = 'cancelled';
        return await startOperation(operationId);
      }
      if (recordedFirst) {
        while (cancelling) await condition(() => !cancelling);
        if (cancelled()) throw toApplicationFailure(new ConflictError(ErrorCode.Closed, 'The cycle is already cancelled.'));
        cancelling = true;
        try {
          await recordCycleCancelled({ cycleId: input.cycleId, actorId, reason, at: new Date().toISOString() });
        } catch (error) {
          throw storageRefusal(error);
        } finally {
          cancelling = false;
        }
        status = 'cancelled';
      } else {
        status = 'cancelled';
        await recordCycleCancelled({ cycleId: input.cycleId, actorId, reason, at: new Date().toISOString() });
      }
      await cancelWorkflows({ workflowIds: [rootWorkflowId] });
    },
    {
      validator: (_command) => {
        if (status === 'completed' || status === 'cancelled') {
          throw toApplicationFailure(new ConflictError(ErrorCode.Closed, `The cycle is already ${status}.`));
        }
      },
    },
  );

  setHandler(
    changeCalendarUpdate,
    async ({ actorId, calendar }) => {
      // Since bulk operations: the dates are stored, then an operation tells the open reviews in batches.
      if (patched('bulk-operations-v1')) {
        const operationId = uuid4();
        try {
          await recordCalendarMove({ operationId, cycleId: input.cycleId, calendar, actorId, at: new Date().toISOString() });
        } catch (error) {
          throw storageRefusal(error);
        }
        sweepWakes++;
        lastCalendarMoveAt = Date.now();
        return await startOperation(operationId);
      }
      await applyCalendarChange({ cycleId: input.cycleId, calendar, actorId });
    },
    {
      validator: (_change) => {
        if (status === 'completed' || status === 'cancelled') {
          throw toApplicationFailure(new ConflictError(ErrorCode.Closed, `The cycle is already ${status}.`));
        }
      },
    },
  );

  await startChild(unitReviewWorkflow, {
    workflowId: rootWorkflowId,
    args: [{ cycleId: input.cycleId, unitId: input.rootUnitId, parentUnitId: null, parentWorkflowId: workflowInfo().workflowId }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: reviewSearchAttributes(input.cycleId, input.rootUnitId),
  });

  const finished = () => status === 'completed' || cancelled();
  /**
   * Until the cycle ends: asks when the next notice of its open review tasks is due, sleeps until
   * then (at most NOTICE_SWEEP_CAP_MS; the end of the launch and a calendar move wake it) and sends
   * what is due. The calendar's due dates make a dozen or two sweeps a year; the cap adds two
   * wake-ups a day (one activity each, ~8 history events): ~6,000 events over a year-long cycle,
   * under Temporal's 10k warning (with a 6 h cap it was ~16,000). Never a tight loop: a sweep that found
   * nothing due is not repeated for IDLE_SWEEP_PAUSE_MS.
   */
  async function sweepNotices(): Promise<void> {
    let idle = false;
    while (!finished()) {
      const next = await nextNoticeSweepAt({ cycleId: input.cycleId });
      if (finished()) break;
      const now = Date.now();
      const dueAt = next.at === null ? Infinity : Date.parse(next.at);
      let wakeAt = Math.min(dueAt, now + NOTICE_SWEEP_CAP_MS);
      if (idle) wakeAt = Math.max(wakeAt, now + IDLE_SWEEP_PAUSE_MS);
      if (next.moving && now - lastCalendarMoveAt < CALENDAR_MOVE_SETTLE_MS) wakeAt = Math.min(wakeAt, now + CALENDAR_MOVE_POLL_MS);
      if (wakeAt > now) {
        const wakes = sweepWakes;
        const woken = await condition(() => finished() || sweepWakes !== wakes, wakeAt - now);
        if (woken || Date.now() < dueAt) {
          idle = false;
          continue; // ask again: the cycle ended, launched, the calendar moved, or it was only the cap or a poll
        }
      }
      const { sent } = await sweepDueNotices({ cycleId: input.cycleId, now: new Date().toISOString() });
      idle = sent === 0;
    }
  }
  const sweeping = noticeSweep ? sweepNotices() : Promise.resolve();

  await condition(() => (launched && !cancelling) || cancelled());
  if (!cancelled()) {
    await markCycleRunning({ cycleId: input.cycleId });
    if (!cancelled()) status = 'running';
  }
  await condition(() => (rootReport !== null && !cancelling) || cancelled());
  if (!cancelled()) {
    await markCycleCompleted({ cycleId: input.cycleId, at: new Date().toISOString() });
    if (!cancelled()) status = 'completed';
  }
  await sweeping;
  await condition(allHandlersFinished);
  return { status, rootReport };
}
