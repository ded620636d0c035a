import { ConfigError, readEnvConfig } from '../config/app-config.js';
import { createLogger } from '../logging/logger.js';
import { openDatabase } from './data-source.js';

// `npm run migrate` (the docker-compose `migrate` service): applies pending migrations to
// DATABASE_URL and exits. The API and the worker migrate at boot too (under the same advisory
// lock); running this first means a deploy fails here, before any new process starts.
const config = readEnvConfig();
const logger = createLogger(config.logLevel, { process: 'migrate' });
if (config.database.url === null) throw new ConfigError('Missing configuration: DATABASE_URL');

const started = Date.now();
const db = await openDatabase({ url: config.database.url, poolSize: config.database.poolSize, applicationName: 'review-cycles-migrate', logger });
try {
  const applied: Array<{ name: string }> = await db.query('SELECT name FROM schema_migrations ORDER BY id');
  logger.info({ migrations: applied.map((m) => m.name), ms: Date.now() - started }, 'Database schema is up to date');
} finally {
  await db.destroy();
}
