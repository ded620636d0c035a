import { readEnvConfig, requireResolved } from '../../libs/config/app-config.js';
import { createLogger } from '../../libs/logging/logger.js';
import { openDatabase } from '../../libs/persistence/data-source.js';
import { connectClient } from '../../libs/temporal/temporal-connection.js';
import { startApi } from './api-server.js';

// Production entry point of the API process (docker-compose `api` service).
const config = requireResolved(readEnvConfig());
const logger = createLogger(config.logLevel, { process: 'api' });
const db = await openDatabase({ url: config.database.url, poolSize: config.database.poolSize, applicationName: 'review-cycles-api', logger });
const temporal = await connectClient(config.temporal);
const api = await startApi({ config, db, temporal, logger });
logger.info({ url: api.url, docs: `${api.url}/docs` }, 'API listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    logger.info({ signal }, 'Shutting down the API');
    await api.close();
    await temporal.connection.close();
    await db.destroy();
  });
}
