import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../libs/activities/index.js';
import type { ResolvedConfig } from '../../libs/config/app-config.js';
import { ensureSearchAttributes } from '../../libs/temporal/temporal-connection.js';

export interface ReviewWorkerDeps {
  config: ResolvedConfig;
  db: DataSource;
  client: Client;
}

const WORKFLOWS_PATH = fileURLToPath(new URL('../../workflows/index.js', import.meta.url));

/**
 * The worker: the three workflows and their activities on the configured task queue. Uses a
 * prebuilt workflow bundle when one is configured (production, tests) and bundles at start
 * otherwise (development).
 */
export async function createReviewWorker(deps: ReviewWorkerDeps): Promise<{ worker: Worker; connection: NativeConnection }> {
  const { config } = deps;
  await ensureSearchAttributes(deps.client);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const bundlePath = config.worker.workflowBundlePath;
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities({
      db: deps.db,
      temporal: deps.client,
      taskQueue: config.temporal.taskQueue,
      startConcurrency: config.worker.startConcurrency,
    }),
    maxConcurrentWorkflowTaskExecutions: config.worker.maxConcurrentWorkflowTaskExecutions,
    maxConcurrentActivityTaskExecutions: config.worker.maxConcurrentActivityTaskExecutions,
    maxConcurrentLocalActivityExecutions: config.worker.maxConcurrentLocalActivityExecutions,
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
    shutdownGraceTime: '10 seconds',
    // A stop must end even when an activity ignores its cancellation (one waiting on workflows this
    // draining worker no longer runs would hold it in DRAINING forever); its attempt times out and
    // is retried by another worker.
    shutdownForceTime: '30 seconds',
  });
  return { worker, connection };
}

export { WORKFLOWS_PATH };
