import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '../temporal/task-queue.js';

// All configuration, read and validated once at boot. Nothing else reads process.env.

const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? null : v));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  BODY_LIMIT: z.string().default('50mb'),
  /** Only POST /org/import/spreadsheet: a province's registry as an uncompressed CSV runs to tens of MB. */
  SPREADSHEET_BODY_LIMIT: z.string().default('100mb'),
  DATABASE_URL: optionalText,
  DATABASE_POOL_SIZE: int(10),
  TEMPORAL_ADDRESS: optionalText,
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default(DEFAULT_TASK_QUEUE),
  ADMIN_USERNAME: z.string().min(1).default('admin'),
  ADMIN_PASSWORD: optionalText,
  JWT_SECRET: optionalText.refine((v) => v === null || v.length >= 32, 'must be at least 32 characters'),
  TOKEN_TTL_SECONDS: int(8 * 3600),
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(15),
  LOGIN_MAX_FAILURES: int(5),
  LOGIN_LOCK_SECONDS: int(60),
  DATA_DIR: z.string().default('./data'),
  TOOLS_DIR: z.string().default('./.tools'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(0).max(65535).default(8233),
  TEMPORAL_PORT: z.coerce.number().int().min(0).max(65535).default(7233),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(0).max(65535).default(5488),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: int(40),
  WORKER_MAX_CONCURRENT_ACTIVITIES: int(40),
  WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: int(80),
  WORKER_MAX_CACHED_WORKFLOWS: int(1000),
  WORKER_START_CONCURRENCY: int(16),
  WORKFLOW_BUNDLE_PATH: optionalText,
  SMTP_URL: optionalText,
  NOTICE_FROM: z.string().default('review-cycles@localhost'),
  OUTBOX_POLL_MS: int(2000),
  WEB_DIR: optionalText,
});

export interface AppConfig {
  http: { host: string; port: number; bodyLimit: string; spreadsheetBodyLimit: string };
  /** The built web app (index.html, assets/); null = dist/web next to the compiled API. */
  web: { dir: string | null };
  database: { url: string | null; poolSize: number };
  temporal: { address: string | null; namespace: string; taskQueue: string };
  auth: {
    adminUsername: string;
    adminPassword: string | null;
    jwtSecret: string | null;
    tokenTtlSeconds: number;
    passwordHashCost: number;
    /** Failed sign-ins in a row for one username before it is locked; the lock doubles with each further failure. */
    loginMaxFailures: number;
    loginLockSeconds: number;
  };
  worker: {
    maxConcurrentWorkflowTaskExecutions: number;
    maxConcurrentActivityTaskExecutions: number;
    maxConcurrentLocalActivityExecutions: number;
    maxCachedWorkflows: number;
    startConcurrency: number;
    workflowBundlePath: string | null;
  };
  notices: { smtpUrl: string | null; from: string; pollMs: number };
  embedded: { dataDir: string; toolsDir: string; temporalPort: number; temporalUiPort: number; postgresPort: number };
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    http: { host: e.HOST, port: e.PORT, bodyLimit: e.BODY_LIMIT, spreadsheetBodyLimit: e.SPREADSHEET_BODY_LIMIT },
    web: { dir: e.WEB_DIR },
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    temporal: { address: e.TEMPORAL_ADDRESS, namespace: e.TEMPORAL_NAMESPACE, taskQueue: e.TEMPORAL_TASK_QUEUE },
    auth: {
      adminUsername: e.ADMIN_USERNAME,
      adminPassword: e.ADMIN_PASSWORD,
      jwtSecret: e.JWT_SECRET,
      tokenTtlSeconds: e.TOKEN_TTL_SECONDS,
      passwordHashCost: e.PASSWORD_HASH_COST,
      loginMaxFailures: e.LOGIN_MAX_FAILURES,
      loginLockSeconds: e.LOGIN_LOCK_SECONDS,
    },
    worker: {
      maxConcurrentWorkflowTaskExecutions: e.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
      maxConcurrentActivityTaskExecutions: e.WORKER_MAX_CONCURRENT_ACTIVITIES,
      maxConcurrentLocalActivityExecutions: e.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES,
      maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
      startConcurrency: e.WORKER_START_CONCURRENCY,
      workflowBundlePath: e.WORKFLOW_BUNDLE_PATH,
    },
    notices: { smtpUrl: e.SMTP_URL, from: e.NOTICE_FROM, pollMs: e.OUTBOX_POLL_MS },
    embedded: {
      dataDir: e.DATA_DIR,
      toolsDir: e.TOOLS_DIR,
      temporalPort: e.TEMPORAL_PORT,
      temporalUiPort: e.TEMPORAL_UI_PORT,
      postgresPort: e.EMBEDDED_POSTGRES_PORT,
    },
    logLevel: e.LOG_LEVEL,
  };
}

/** The process environment, validated. Called once, by each entry point. */
export function readEnvConfig(): AppConfig {
  return loadConfig(process.env);
}

/**
 * The environment of a worker process started by this one (`npm start`): this process's, with the
 * servers and secrets it resolved, so the child reads the same configuration through readEnvConfig.
 */
export function workerProcessEnv(config: ResolvedConfig): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: config.database.url,
    DATABASE_POOL_SIZE: String(config.database.poolSize),
    TEMPORAL_ADDRESS: config.temporal.address,
    TEMPORAL_NAMESPACE: config.temporal.namespace,
    TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
    ...(config.worker.workflowBundlePath ? { WORKFLOW_BUNDLE_PATH: config.worker.workflowBundlePath } : {}),
    JWT_SECRET: config.auth.jwtSecret,
    LOG_LEVEL: config.logLevel,
  };
}

/** A config whose servers are known: what the API and the worker run with. */
export interface ResolvedConfig extends AppConfig {
  database: { url: string; poolSize: number };
  temporal: { address: string; namespace: string; taskQueue: string };
  auth: AppConfig['auth'] & { jwtSecret: string };
}

export function requireResolved(config: AppConfig): ResolvedConfig {
  const missing = [
    config.database.url === null && 'DATABASE_URL',
    config.temporal.address === null && 'TEMPORAL_ADDRESS',
    config.auth.jwtSecret === null && 'JWT_SECRET',
  ].filter(Boolean);
  if (missing.length > 0) throw new ConfigError(`Missing configuration: ${missing.join(', ')} (or run \`npm start\`, which provides them).`);
  return config as ResolvedConfig;
}
