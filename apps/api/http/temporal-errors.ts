import { WorkflowNotFoundError } from '@temporalio/client';
import { ConflictError, ErrorCode } from '../../../libs/domain/errors.js';
import { domainErrorIn } from '../../../libs/temporal/failure-codec.js';

/** Runs a Temporal call, turning a refusal from a workflow into its domain error. */
export async function throughTemporal<T>(call: () => Promise<T>, closedMessage: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const domain = domainErrorIn(error);
    if (domain) throw domain;
    if (error instanceof WorkflowNotFoundError || isCompletedWorkflowError(error)) throw new ConflictError(ErrorCode.Closed, closedMessage);
    throw error;
  }
}

function isCompletedWorkflowError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /workflow execution already completed/i.test(message);
}
