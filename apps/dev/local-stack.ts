import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig, ResolvedConfig } from '../../libs/config/app-config.js';
import { SEARCH_ATTRIBUTES } from '../../libs/temporal/task-queue.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { loadOrCreateSecrets } from './local-secrets.js';
import { findOrInstallTemporal } from './temporal-binary.js';
import { startTemporalDevServer } from './temporal-dev-server.js';

export interface LocalStack {
  config: ResolvedConfig;
  temporalUiUrl: string | null;
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  /** Keep Temporal and PostgreSQL data here; null = throwaway (Temporal in memory). */
  persistent: boolean;
  /** Serve the Temporal UI (for people; tests and benchmarks do without). */
  ui: boolean;
}

/**
 * Fills in what the config leaves open with embedded servers: a Temporal dev server (its binary
 * found or installed into the tools directory) and an embedded PostgreSQL, both under the data
 * directory. DATABASE_URL and TEMPORAL_ADDRESS, when set, are used as they are.
 */
export async function startLocalStack(config: AppConfig, logger: Logger, options: LocalStackOptions): Promise<LocalStack> {
  const dataDir = resolve(config.embedded.dataDir);
  const log = (msg: string) => logger.info({ component: 'local-stack' }, msg);
  const stops: Array<() => Promise<void>> = [];
  const secrets = await loadOrCreateSecrets(dataDir);

  try {
    let temporalAddress: string;
    let temporalUiUrl: string | null = null;
    if (config.temporal.address !== null) {
      temporalAddress = config.temporal.address;
    } else {
      const binary = await findOrInstallTemporal({ toolsDir: resolve(config.embedded.toolsDir), log });
      const server = await startTemporalDevServer({
        binary,
        dbFile: options.persistent ? join(dataDir, 'temporal', 'temporal.db') : null,
        port: config.embedded.temporalPort,
        uiPort: options.ui ? config.embedded.temporalUiPort : null,
        namespace: config.temporal.namespace,
        searchAttributes: { ...SEARCH_ATTRIBUTES },
        log,
        logFile: join(dataDir, 'temporal', 'server.log'),
      });
      stops.push(() => server.stop());
      temporalAddress = server.address;
      temporalUiUrl = server.uiUrl;
    }

    let databaseUrl: string;
    if (config.database.url !== null) {
      databaseUrl = config.database.url;
    } else {
      const postgres = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port: config.embedded.postgresPort, database: 'review_cycles', log });
      stops.push(() => postgres.stop());
      databaseUrl = postgres.url;
    }

    return {
      config: {
        ...config,
        database: { ...config.database, url: databaseUrl },
        temporal: { ...config.temporal, address: temporalAddress },
        auth: { ...config.auth, jwtSecret: config.auth.jwtSecret ?? secrets.jwtSecret, adminPassword: config.auth.adminPassword ?? secrets.adminPassword },
      },
      temporalUiUrl,
      stop: () => stopAll(stops),
    };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}

async function stopAll(stops: Array<() => Promise<void>>): Promise<void> {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
}
