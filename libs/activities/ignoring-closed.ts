import { WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { ErrorCode } from '../domain/errors.js';
import { domainErrorIn } from '../temporal/failure-codec.js';

/** The server's answer to a call on a workflow that has already completed. */
export const completedWorkflow = (error: unknown) => /workflow execution already completed/i.test(error instanceof Error ? error.message : '');

/**
 * Applies a registry change to a workflow; false when it had nothing left to change (closed since
 * the plan). A review workflow not found while its review is still open is being started (its
 * cycle is launching): the error lets the activity retry until it runs.
 */
export async function ignoringClosed(db: DataSource, reviewId: string | null, call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    const code = domainErrorIn(error)?.code;
    if (code === ErrorCode.Closed || code === ErrorCode.AlreadyDone) return false;
    if (completedWorkflow(error)) return false;
    if (error instanceof WorkflowNotFoundError && reviewId !== null) {
      const [row]: Array<{ status: string }> = await db.query('SELECT status FROM reviews WHERE id = $1', [reviewId]);
      if (row?.status !== 'open') return false;
    }
    throw error;
  }
}
