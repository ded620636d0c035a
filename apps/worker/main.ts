import { readEnvConfig, requireResolved } from '../../libs/config/app-config.js';
import { createLogger } from '../../libs/logging/logger.js';
import { routeTemporalLogs } from '../../libs/logging/temporal-logger.js';
import { openDatabase } from '../../libs/persistence/data-source.js';
import { connectClient } from '../../libs/temporal/temporal-connection.js';
import { startNoticeDispatcher } from './notice-dispatcher.js';
import { createReviewWorker } from './review-worker.js';

// Production entry point of the worker process (docker-compose `worker` service).
const config = requireResolved(readEnvConfig());
const logger = createLogger(config.logLevel, { process: 'worker' });
routeTemporalLogs(logger);

const db = await openDatabase({ url: config.database.url, poolSize: config.database.poolSize, applicationName: 'review-cycles-worker', logger });
const client = await connectClient(config.temporal);
const { worker, connection } = await createReviewWorker({ config, db, client });
const notices = startNoticeDispatcher(config, db, logger);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'Shutting down the worker');
    worker.shutdown();
  });
}

logger.info({ taskQueue: config.temporal.taskQueue }, 'Worker running');
try {
  await worker.run();
} finally {
  await notices.stop();
  await connection.close();
  await client.connection.close();
  await db.destroy();
  logger.info('Worker stopped');
}
