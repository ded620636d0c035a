import { heartbeat } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { TypedSearchAttributes, defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { ReviewState } from '../domain/review/review-state.js';
import { WORKFLOW_TYPES } from '../temporal/workflow-types.js';
import type { SubjectReviewInput } from '../temporal/workflow-inputs.js';
import type { ActivityDeps } from './activity-deps.js';
import { forEachBounded } from './bounded-pool.js';
import { untilFirstTasksRan } from './first-tasks-ran.js';
import { followLatestCalendar } from './late-calendar.js';

const CYCLE_KEY = defineSearchAttributeKey('ReviewCycleId', SearchAttributeType.KEYWORD);
const UNIT_KEY = defineSearchAttributeKey('ReviewUnitId', SearchAttributeType.KEYWORD);

/**
 * Starts the subject-review workflows of launched reviews, reading each review's launched state
 * from the read model. Started as independent workflows (not children) so a unit can run any
 * number of them; a retry finds the ones already started (running or closed) and skips them.
 * Reviews planned before a calendar move they missed are told the cycle's dates once started.
 * Returns once the last of them took their first task (first-tasks-ran.ts).
 */
export function makeStartSubjectReviews(deps: ActivityDeps) {
  return async function startSubjectReviews(input: { reviewIds: string[]; ownerWorkflowId: string }): Promise<void> {
    const rows: Array<{ state: ReviewState }> = await deps.db.query('SELECT state FROM reviews WHERE id = ANY($1) ORDER BY id', [input.reviewIds]);
    let started = 0;
    await forEachBounded(rows, deps.startConcurrency, async ({ state }) => {
      const args: [SubjectReviewInput] = [{ state, ownerWorkflowId: input.ownerWorkflowId }];
      try {
        await deps.temporal.workflow.start(WORKFLOW_TYPES.subjectReview, {
          taskQueue: deps.taskQueue,
          workflowId: state.workflowId,
          args,
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: new TypedSearchAttributes([
            { key: CYCLE_KEY, value: state.cycleId },
            { key: UNIT_KEY, value: state.unitId },
          ]),
        });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
      heartbeat(++started);
    });
    await followLatestCalendar(deps, rows.map((r) => r.state));
    await untilFirstTasksRan(deps, rows.map((r) => r.state.workflowId));
  };
}

/** Asks workflows to cancel; ones already closed or unknown are fine. */
export function makeCancelWorkflows(deps: ActivityDeps) {
  return async function cancelWorkflows(input: { workflowIds: string[] }): Promise<void> {
    let done = 0;
    await forEachBounded(input.workflowIds, deps.startConcurrency, async (workflowId) => {
      try {
        await deps.temporal.workflow.getHandle(workflowId).cancel();
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
      heartbeat(++done);
    });
  };
}
