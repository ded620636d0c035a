import type { UpdateDefinition } from '@temporalio/common';
import { allHandlersFinished, condition, getExternalWorkflowHandle, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { ReviewActivities } from '../libs/activities/index.js';
import type { ReviewCommand } from '../libs/domain/review/review-commands.js';
import { decide } from '../libs/domain/review/review-machine.js';
import type { ReviewState } from '../libs/domain/review/review-state.js';
import {
  assignTargetsUpdate,
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

  await condition(() => state.status !== 'open' && allHandlersFinished());

  const closed: ReviewClosed = {
    reviewId: state.reviewId,
    workflowId: state.workflowId,
    status: state.status,
    classification: state.classification,
  };
  await getExternalWorkflowHandle(input.ownerWorkflowId).signal(reviewClosedSignal, closed);
  return closed;
}
