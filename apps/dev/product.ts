import type { Worker } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Client } from '@temporalio/client';
import type { ResolvedConfig } from '../../libs/config/app-config.js';
import { openDatabase } from '../../libs/persistence/data-source.js';
import { connectClient } from '../../libs/temporal/temporal-connection.js';
import { startApi, type RunningApi } from '../api/api-server.js';
import { startNoticeDispatcher } from '../worker/notice-dispatcher.js';
import { unlessForcedShutdown } from '../worker/forced-shutdown.js';
import { createReviewWorker } from '../worker/review-worker.js';
import { spawnWorkerProcess } from './worker-process.js';

export interface RunningProduct {
  api: RunningApi;
  worker: Worker;
  db: DataSource;
  temporal: Client;
  stop(): Promise<void>;
}

/** The API and a worker in one process, on servers that already run: tests and benchmarks. */
export async function startProduct(config: ResolvedConfig, logger: Logger, listen: { host: string; port: number } = config.http): Promise<RunningProduct> {
  const db = await openDatabase({ url: config.database.url, poolSize: config.database.poolSize, logger });
  const temporal = await connectClient(config.temporal);
  const { worker, connection } = await createReviewWorker({ config, db, client: temporal });
  const running = worker.run();
  const notices = startNoticeDispatcher(config, db, logger);
  const api = await startApi({ config, db, temporal, logger }, listen);
  return {
    api,
    worker,
    db,
    temporal,
    async stop() {
      await api.close();
      await notices.stop();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(unlessForcedShutdown);
      await connection.close();
      await temporal.connection.close();
      await db.destroy();
    },
  };
}

export type RunningApiAlone = Omit<RunningProduct, 'worker'> & { workerPid: number | undefined };

/**
 * The API in this process and the worker in one of its own (`npm start`, bench (k)'s second run):
 * on two cores neither starves the other. Stopping stops both.
 */
export async function startProductWithWorkerProcess(config: ResolvedConfig, logger: Logger, listen: { host: string; port: number } = config.http): Promise<RunningApiAlone> {
  const worker = spawnWorkerProcess(config, logger);
  const db = await openDatabase({ url: config.database.url, poolSize: config.database.poolSize, logger });
  const temporal = await connectClient(config.temporal);
  const api = await startApi({ config, db, temporal, logger }, listen);
  return {
    api,
    db,
    temporal,
    workerPid: worker.pid,
    async stop() {
      await api.close();
      await worker.stop();
      await temporal.connection.close();
      await db.destroy();
    },
  };
}
