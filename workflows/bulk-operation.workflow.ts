import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { ReviewActivities } from '../libs/activities/index.js';
import type { BulkOperationInput } from '../libs/temporal/workflow-inputs.js';

// The sweep heartbeats every review: a worker that died mid-batch is noticed within the heartbeat
// timeout and the next attempt resumes from the operation's checkpoint. Retried until it finishes.
const { sweepOperation } = proxyActivities<ReviewActivities>({
  startToCloseTimeout: '12 hours',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});
const { failBulkOperation } = proxyActivities<ReviewActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** One bulk operation over a cycle's reviews (a calendar move, a cancel), started by the cycle's Update. */
export async function bulkOperationWorkflow(input: BulkOperationInput): Promise<void> {
  try {
    await sweepOperation({ operationId: input.operationId });
  } catch (error) {
    const cause = error instanceof ActivityFailure ? (error.cause ?? error) : error;
    await failBulkOperation({ operationId: input.operationId, error: cause instanceof Error ? cause.message : String(cause) });
    throw error;
  }
}
