import { NativeConnection, Worker } from '@temporalio/worker';
import type { ReviewActivities } from '../../libs/activities/index.js';
import { unlessForcedShutdown } from '../../apps/worker/forced-shutdown.js';
import type { TestApp } from './test-app.js';

export interface RunningTestWorker {
  close(): Promise<void>;
}

/**
 * A worker of the product's workflows on `taskQueue` with activities a test changed (a failure
 * injected, a launch held), on the test app's Temporal server; stops quickly when closed.
 */
export async function startTestWorker(app: TestApp, taskQueue: string, activities: ReviewActivities): Promise<RunningTestWorker> {
  const connection = await NativeConnection.connect({ address: app.config.temporal.address });
  const worker = await Worker.create({
    connection,
    namespace: app.config.temporal.namespace,
    taskQueue,
    workflowBundle: { codePath: app.config.worker.workflowBundlePath! },
    activities,
    shutdownGraceTime: '1 second',
    shutdownForceTime: '10 seconds',
  });
  return runWorker(worker, connection);
}

/** Runs a worker until closed; a stop that outlasts its force time still counts as stopped. */
export function runWorker(worker: Worker, connection: NativeConnection): RunningTestWorker {
  const running = worker.run();
  return {
    async close() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(unlessForcedShutdown);
      await connection.close();
    },
  };
}
