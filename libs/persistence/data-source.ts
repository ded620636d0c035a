import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createLogger, type Logger } from '../logging/logger.js';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';
import { QueryLogger } from './query-logger.js';

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
  /** Where failed queries are logged (their parameters never are); a default JSON logger otherwise. */
  logger?: Logger;
}

/** A DataSource on the registry/read-model database. Schema changes only through migrations. */
export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: ['error', 'warn', 'migration'],
    // Never TypeORM's console logger: it prints a failed query's parameters (password hashes).
    logger: new QueryLogger((options.logger ?? createLogger('info')).child({ component: 'database' })),
    // migrate() holds one connection for its advisory lock while the migrations run on another.
    poolSize: Math.max(2, options.poolSize ?? 10),
    applicationName: options.applicationName ?? 'review-cycles',
  });
}

/** Connects, applies pending migrations (one process at a time, under an advisory lock). */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  await migrate(dataSource);
  return dataSource;
}

const MIGRATION_LOCK = 7_331_001;

export async function migrate(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
