import { GracefulShutdownPeriodExpiredError } from '@temporalio/worker';

/**
 * For `worker.run().catch(…)`: a worker stopped by its `shutdownForceTime` has stopped. The
 * activities it left behind time out and are retried by another worker; anything else is rethrown.
 */
export function unlessForcedShutdown(error: unknown): void {
  if (!(error instanceof GracefulShutdownPeriodExpiredError)) throw error;
}
