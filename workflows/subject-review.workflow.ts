import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  TemporalFailure,
} from '@temporalio/workflow';
import type { ReviewActivities } from '../libs/activities/index.js';
import type { ReviewCommand } from '../libs/domain/review/review-commands.js';
import { decide, reassignReview, withdrawReview, type Transition } from '../libs/domain/review/review-machine.js';
import { requireOpen } from '../libs/domain/review/review-guards.js';
import { decideOnFacts, FACT_BOUND_ACTIONS } from '../libs/domain/review/decision-facts.js';
import { nextTimedAction, noticeWakeAt, openTask, recordNotice, reschedule } from '../libs/domain/review/review-schedule.js';
import type { ReviewState } from '../libs/domain/review/review-state.js';
import {
  assignTargetsUpdate,
  calendarChangedSignal,
  committeeReviewUpdate,
  decideRemediationUpdate,
  reassignReviewUpdate,
  reviewAdoptedSignal,
  reviewClosedSignal,
  reviewReleasedSignal,
  reviewStateQuery,
  submitRemediationPlanUpdate,
  submitReviewUpdate,
  submitSelfAssessmentUpdate,
  withdrawReviewUpdate,
} from '../libs/temporal/definitions.js';
import { domainErrorIn, toApplicationFailure } from '../libs/temporal/failure-codec.js';
import { ErrorCode } from '../libs/domain/errors.js';
import { storageRefusal } from '../libs/temporal/storage-refusal.js';
import { unitWorkflowId } from '../libs/temporal/workflow-ids.js';
import type { ReviewClosed, SubjectReviewInput } from '../libs/temporal/workflow-inputs.js';

// Local: the projection runs in the same workflow task as the update, so the update returns
// (and the HTTP response is sent) only once PostgreSQL shows the new state. Retried until it lands.
// Since close-signal-in-task-v1 the close reaches the owner unit the same way (signalOwnerClosed).
const { projectReview, currentSubjectFacts, signalOwnerClosed } = proxyLocalActivities<ReviewActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' },
});
const { sendNotice } = proxyActivities<ReviewActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});
// Since notice-wave-spread-v1: the outbox row is written in the workflow task that woke for it,
// not by an activity task of its own and a second workflow task (a wave costs half the tasks).
const { sendNotice: sendNoticeInTask } = proxyLocalActivities<ReviewActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

/**
 * One subject's review in one cycle: targets → self-assessment → superior review (returns loop
 * back) → remediation plan when required → done. Every step is a person's Update; the history
 * of this workflow is the subject's own audit story.
 */
export async function subjectReviewWorkflow(input: SubjectReviewInput): Promise<ReviewClosed> {
  let state: ReviewState = input.state;
  // Since four-good-cells-v1 a cell's collective review may carry the criteria set its approval
  // rates (the pure machine then requires `fourGood`). A history that a worker without this code
  // recorded has no marker: it ran without the set, and replays so.
  if (state.cellCriteria !== undefined && !patched('four-good-cells-v1')) {
    const { cellCriteria: _ignored, ...withoutSet } = state;
    state = withoutSet;
  }
  // The unit that waits for this review; a transfer moves it (registry changes while a cycle runs).
  let ownerWorkflowId = input.ownerWorkflowId;
  // Reviews started since: the state changes only once PostgreSQL stored the change, one change
  // at a time, so a projection refused for good leaves the review exactly as it was.
  const projectedFirst = patched('review-action-projected-first-v1');
  let committing = false;
  // A review launched with a standing committee's extra review (the registry flags the subject)
  // has it only when its workflow runs the code that knows it; no older history holds one.
  if (state.committee && !patched('standing-committee-review-v1')) state = { ...state, committee: undefined };

  /** Computes a change from the state as it is once no other change is in flight, stores it, then applies it. */
  async function commit(change: (current: ReviewState) => Transition | null): Promise<{ before: ReviewState; after: ReviewState }> {
    // Checked again after each wait: another change may have taken the turn in the same activation.
    while (committing) await condition(() => !committing);
    const before = state;
    let transition: Transition | null;
    try {
      transition = change(before);
    } catch (error) {
      throw toApplicationFailure(error); // the state moved on since the validator ran
    }
    if (transition === null) return { before, after: before };
    committing = true;
    try {
      await projectReview(transition);
    } catch (error) {
      throw storageRefusal(error);
    } finally {
      committing = false;
    }
    state = transition.state;
    return { before, after: state };
  }

  const onAction = <C extends object>(definition: UpdateDefinition<ReviewState, [C]>, kind: ReviewCommand['kind']) => {
    const asCommand = (command: C) => ({ ...command, kind }) as unknown as ReviewCommand;
    setHandler(
      definition,
      async (command: C) => {
        // Since decision-facts-v1 a proposed or approved classification is judged on the facts
        // read now (a discipline imported mid-cycle, a plan approved since launch), not at launch.
        if (projectedFirst && state.facts && FACT_BOUND_ACTIONS.includes(kind) && patched('decision-facts-v1')) {
          const facts = await currentSubjectFacts({ cycleId: state.cycleId, subjectType: state.subject.type, subjectId: state.subject.id });
          return (await commit((current) => decideOnFacts(current, asCommand(command), facts, new Date().toISOString()))).after;
        }
        if (projectedFirst) return (await commit((current) => decide(current, asCommand(command), new Date().toISOString()))).after;
        const transition = decide(state, asCommand(command), new Date().toISOString());
        state = transition.state; // before awaiting: a concurrent update validates against the new state
        await projectReview(transition);
        return state;
      },
      {
        validator: (command: C) => {
          try {
            // Everything but the conditions, which need the registry: the handler checks those
            // (validators do not run on replay, so recorded histories are unaffected).
            decide(state, asCommand(command), new Date().toISOString(), { deferConditions: projectedFirst });
          } catch (error) {
            throw toApplicationFailure(error);
          }
        },
      },
    );
  };

  onAction(assignTargetsUpdate, 'assign_targets');
  onAction(submitSelfAssessmentUpdate, 'submit_self_assessment');
  onAction(submitReviewUpdate, 'submit_review');
  onAction(submitRemediationPlanUpdate, 'submit_remediation_plan');
  onAction(decideRemediationUpdate, 'decide_remediation');
  onAction(committeeReviewUpdate, 'committee_review');
  setHandler(reviewStateQuery, () => state);

  const refuseUnlessOpen = () => {
    try {
      requireOpen(state);
    } catch (error) {
      throw toApplicationFailure(error);
    }
  };
  setHandler(
    reassignReviewUpdate,
    async (command) => {
      if (projectedFirst && command.owner !== undefined && patched('registry-routing-v1')) {
        // The delivery already asked the new owner, which now waits for the review (or refused,
        // and the owner stays). Only the unit this change moved it from lets go: each of two
        // overlapping moves releases the owner it replaced, so nobody is left waiting.
        const { before, after } = await commit((current) => reassignReview(current, command, new Date().toISOString()));
        if (after.ownerUnitId !== before.ownerUnitId) {
          ownerWorkflowId = unitWorkflowId(state.cycleId, state.ownerUnitId); // the latest move's owner
          await signalIfRunning(unitWorkflowId(before.cycleId, before.ownerUnitId), reviewReleasedSignal, { reviewId: state.reviewId });
        }
        return after;
      }
      let before: ReviewState;
      if (projectedFirst) {
        ({ before } = await commit((current) => reassignReview(current, command, new Date().toISOString())));
      } else {
        const transition = reassignReview(state, command, new Date().toISOString());
        if (transition === null) return state; // already applied: a repeated delivery changes nothing
        before = state;
        state = transition.state;
        await projectReview(transition);
      }
      if (state.ownerUnitId !== before.ownerUnitId) {
        // The new owner waits for the review before the old one lets go, so neither reports without it
        // and the review cannot close in between (the main loop waits for this handler).
        // A unit that closed in the meantime cannot adopt it: the old one keeps waiting for it.
        const next = unitWorkflowId(state.cycleId, state.ownerUnitId);
        const adopted = await signalIfRunning(next, reviewAdoptedSignal, { reviewId: state.reviewId, workflowId: state.workflowId });
        if (adopted) {
          await signalIfRunning(ownerWorkflowId, reviewReleasedSignal, { reviewId: state.reviewId });
          ownerWorkflowId = next;
        }
      }
      return state;
    },
    { validator: (_command) => refuseUnlessOpen() },
  );
  setHandler(
    withdrawReviewUpdate,
    async (command) => {
      if (projectedFirst) return (await commit((current) => withdrawReview(current, command, new Date().toISOString()))).after;
      const transition = withdrawReview(state, command, new Date().toISOString());
      state = transition.state;
      await projectReview(transition);
      return state;
    },
    { validator: (_command) => refuseUnlessOpen() },
  );

  // Since the calendar runs on timers, a review sleeps until its step opens or a notice is due.
  // Reviews launched before (no `calendarTimed` in their launch state) never reach this branch.
  if (patched('calendar-timers-v1') && state.calendarTimed) {
    setHandler(calendarChangedSignal, async ({ calendar, actorId }) => {
      await apply((current) => reschedule(current, calendar, actorId, new Date().toISOString()));
    });
    await followCalendar();
  }

  await condition(() => state.status !== 'open' && allHandlersFinished());

  /** What the calendar does by itself; before the patch it was computed and applied at once. */
  async function apply(change: (current: ReviewState) => Transition | null): Promise<void> {
    try {
      if (projectedFirst) {
        await commit(change);
        return;
      }
      const transition = change(state);
      if (transition === null) return;
      state = transition.state;
      await projectReview(transition);
    } catch (error) {
      if (domainErrorIn(error)?.code !== ErrorCode.Closed) throw error;
      // The cycle was cancelled in PostgreSQL; its cancellation of this workflow is on the way.
      await condition(() => false);
    }
  }

  async function followCalendar(): Promise<void> {
    // Reviews started since wake for a notice at a time of their own within a few minutes of it
    // (review-schedule.ts noticeWakeAt) and send it within that wake-up; steps still open at their date.
    const spreadNotices = patched('notice-wave-spread-v1');
    // Reviews of cycles created since cycle-notice-sweep-v1: the cycle's sweep sends the notices
    // (notice-sweep.activity.ts); this review only opens its steps at their date.
    const swept = state.noticeSweep === true && patched('cycle-notice-sweep-v1');
    while (state.status === 'open') {
      const timed = nextTimedAction(state);
      const next = swept && timed?.kind !== 'open' ? null : timed;
      const seen = state.seq;
      const wakeAt = next && spreadNotices && next.kind !== 'open' ? noticeWakeAt(state.reviewId, { kind: next.kind, at: next.at }, state.calendar) : next?.at;
      const waitMs = wakeAt ? Math.max(1, Date.parse(wakeAt) - Date.now()) : undefined;
      const changed = await condition(() => state.seq !== seen || state.status !== 'open', waitMs);
      if (changed || next === null) continue;
      if (next.kind === 'open') {
        // Still the task that was waiting to open: a person's action may have landed meanwhile.
        await apply((current) => (current.task?.id === next.taskId && current.task.opensAt !== undefined ? openTask(current, new Date().toISOString()) : null));
        continue;
      }
      const task = state.task!;
      const kind = next.kind;
      const { recipientId } = await (spreadNotices ? sendNoticeInTask : sendNotice)({
        kind,
        cycleId: state.cycleId,
        reviewId: state.reviewId,
        taskId: task.id,
        taskKind: task.kind,
        assigneeId: task.assigneeId,
        subjectName: state.subject.name,
        dueAt: task.dueAt,
      });
      // The task may have moved on while the notice went out; record it only on the task it was about.
      await apply((current) =>
        current.status === 'open' && current.task?.id === next.taskId && !(current.task.notices ?? []).includes(kind)
          ? recordNotice(current, kind, recipientId, new Date().toISOString())
          : null,
      );
    }
  }

  const closed: ReviewClosed = {
    reviewId: state.reviewId,
    workflowId: state.workflowId,
    status: state.status,
    classification: state.classification,
  };
  if (patched('close-signal-in-task-v1')) {
    // PostgreSQL stored the close already: the unit hears it from a local activity through the
    // client, and this workflow completes in the task of the action that closed it (no signal
    // command, no wait for its delivery, no second task). Its marker records the owner told.
    await signalOwnerClosed({ ownerWorkflowId, closed });
  } else if (patched('owner-closed-tolerated-v1')) {
    // An owner unit that closed first waits for nothing; the review still completes.
    await signalIfRunning(ownerWorkflowId, reviewClosedSignal, closed);
  } else {
    await getExternalWorkflowHandle(ownerWorkflowId).signal(reviewClosedSignal, closed);
  }
  return closed;
}

/** Signals another workflow; false when it has closed (a closed unit waits for nothing). */
async function signalIfRunning<T>(workflowId: string, signal: SignalDefinition<[T]>, payload: T): Promise<boolean> {
  try {
    await getExternalWorkflowHandle(workflowId).signal(signal, payload);
    return true;
  } catch (error) {
    if (error instanceof TemporalFailure) return false; // the server's answer: no such running workflow
    throw error;
  }
}
