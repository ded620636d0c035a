import type { UpdateDefinition } from '@temporalio/common';
import { allHandlersFinished, condition, getExternalWorkflowHandle, patched, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { ReviewActivities } from '../libs/activities/index.js';
import type { ReviewCommand } from '../libs/domain/review/review-commands.js';
import { decide, type Transition } from '../libs/domain/review/review-machine.js';
import { nextTimedAction, openTask, recordNotice, reschedule } from '../libs/domain/review/review-schedule.js';
import type { ReviewState } from '../libs/domain/review/review-state.js';
import {
  assignTargetsUpdate,
  calendarChangedSignal,
  decideRemediationUpdate,
  reviewClosedSignal,
  reviewStateQuery,
  submitRemediationPlanUpdate,
  submitReviewUpdate,
  submitSelfAssessmentUpdate,
} from '../libs/temporal/definitions.js';
import { toApplicationFailure } from '../libs/temporal/failure-codec.js';
import type { ReviewClosed, SubjectReviewInput } from '../libs/temporal/workflow-inputs.js';

// Local: the projection runs in the same workflow task as the update, so the update returns
// (and the HTTP response is sent) only once PostgreSQL shows the new state. Retried until it lands.
const { projectReview } = proxyLocalActivities<ReviewActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' },
});
const { sendNotice } = proxyActivities<ReviewActivities>({
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

  const onAction = <C extends object>(definition: UpdateDefinition<ReviewState, [C]>, kind: ReviewCommand['kind']) => {
    const asCommand = (command: C) => ({ ...command, kind }) as unknown as ReviewCommand;
    setHandler(
      definition,
      async (command: C) => {
        const transition = decide(state, asCommand(command), new Date().toISOString());
        state = transition.state; // before awaiting: a concurrent update validates against the new state
        await projectReview(transition);
        return state;
      },
      {
        validator: (command: C) => {
          try {
            decide(state, asCommand(command), new Date().toISOString());
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
  setHandler(reviewStateQuery, () => state);

  // Since the calendar runs on timers, a review sleeps until its step opens or a notice is due.
  // Reviews launched before (no `calendarTimed` in their launch state) never reach this branch.
  if (patched('calendar-timers-v1') && state.calendarTimed) {
    setHandler(calendarChangedSignal, async ({ calendar, actorId }) => {
      const transition = reschedule(state, calendar, actorId, new Date().toISOString());
      if (transition) await apply(transition);
    });
    await followCalendar();
  }

  await condition(() => state.status !== 'open' && allHandlersFinished());

  async function apply(transition: Transition): Promise<void> {
    state = transition.state;
    await projectReview(transition);
  }

  async function followCalendar(): Promise<void> {
    while (state.status === 'open') {
      const next = nextTimedAction(state);
      const seen = state.seq;
      const waitMs = next ? Math.max(1, Date.parse(next.at) - Date.now()) : undefined;
      const changed = await condition(() => state.seq !== seen || state.status !== 'open', waitMs);
      if (changed || next === null) continue;
      if (next.kind === 'open') {
        await apply(openTask(state, new Date().toISOString()));
        continue;
      }
      const task = state.task!;
      const { recipientId } = await sendNotice({
        kind: next.kind,
        cycleId: state.cycleId,
        reviewId: state.reviewId,
        taskId: task.id,
        taskKind: task.kind,
        assigneeId: task.assigneeId,
        subjectName: state.subject.name,
        dueAt: task.dueAt,
      });
      // The task may have moved on while the notice went out; record it only on the task it was about.
      if (state.status === 'open' && state.task?.id === next.taskId && !(state.task.notices ?? []).includes(next.kind)) {
        await apply(recordNotice(state, next.kind, recipientId, new Date().toISOString()));
      }
    }
  }

  const closed: ReviewClosed = {
    reviewId: state.reviewId,
    workflowId: state.workflowId,
    status: state.status,
    classification: state.classification,
  };
  await getExternalWorkflowHandle(input.ownerWorkflowId).signal(reviewClosedSignal, closed);
  return closed;
}
