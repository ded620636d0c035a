import { WorkflowNotFoundError } from '@temporalio/client';
import { reviewClosedSignal } from '../temporal/definitions.js';
import type { ReviewClosed } from '../temporal/workflow-inputs.js';
import type { ActivityDeps } from './activity-deps.js';
import { completedWorkflow } from './ignoring-closed.js';

/** What the review's history keeps of the close's delivery (the local activity's marker holds it). */
export interface OwnerClosedDelivery {
  ownerWorkflowId: string;
  /** False when the owner unit had closed (or never ran): a closed unit waits for nothing. */
  delivered: boolean;
}

/**
 * Since close-signal-in-task-v1 a review tells its owner unit it closed from a local activity,
 * through the Temporal client, after PostgreSQL stored the close: the review then completes in
 * the workflow task of the action that closed it, instead of a signal command, the server's
 * delivery and a second workflow task. A retry signals again; the unit counts a review once
 * (its handler only acts on a review it still waits for).
 */
export function makeSignalOwnerClosed(deps: ActivityDeps) {
  return async function signalOwnerClosed(input: { ownerWorkflowId: string; closed: ReviewClosed }): Promise<OwnerClosedDelivery> {
    try {
      await deps.temporal.workflow.getHandle(input.ownerWorkflowId).signal(reviewClosedSignal, input.closed);
      return { ownerWorkflowId: input.ownerWorkflowId, delivered: true };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError || completedWorkflow(error)) return { ownerWorkflowId: input.ownerWorkflowId, delivered: false };
      throw error;
    }
  };
}
