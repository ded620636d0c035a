import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../apps/dev/embedded-postgres.js';
import { freePort } from '../../apps/dev/free-port.js';
import { findOrInstallTemporal } from '../../apps/dev/temporal-binary.js';
import { startTemporalDevServer, type TemporalDevServer } from '../../apps/dev/temporal-dev-server.js';
import { readEnvConfig } from '../../libs/config/app-config.js';
import { openDatabase } from '../../libs/persistence/data-source.js';
import { SEARCH_ATTRIBUTES } from '../../libs/temporal/task-queue.js';
import { ApiClient } from './api-client.js';
import { startApiProcess, type ApiProcess } from './api-process.js';
import { eventually } from './review-driver.js';

const WORKER_MAIN = fileURLToPath(new URL('../../apps/worker/main.js', import.meta.url));

/**
 * A whole product of its own for fault injection, every part a process that can be killed and
 * brought back on the same address: a Temporal dev server on a SQLite file, an embedded
 * PostgreSQL, the API and the worker as production runs them. Not the test run's shared servers,
 * which other test files use at the same time.
 */
export interface FaultStack {
  http: ApiClient;
  databaseUrl: string;
  admin: { username: string; password: string };
  killApi(): Promise<void>;
  startApi(): Promise<void>;
  killWorker(): Promise<void>;
  startWorker(): Promise<void>;
  killTemporal(): Promise<void>;
  startTemporal(): Promise<void>;
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFaultStack(): Promise<FaultStack> {
  const dir = await mkdtemp(join(tmpdir(), 'review-cycles-faults-'));
  const config = readEnvConfig();
  const log = () => undefined;
  const binary = await findOrInstallTemporal({ toolsDir: resolve(config.embedded.toolsDir), log });
  const [temporalPort, postgresPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const admin = { username: 'fault-admin', password: `fault-${randomBytes(8).toString('hex')}` };

  let temporal: TemporalDevServer | null = null;
  let postgres: EmbeddedPostgresHandle | null = null;
  let api: ApiProcess | null = null;
  let worker: ChildProcess | null = null;

  const startTemporal = async () => {
    temporal = await startTemporalDevServer({
      binary,
      dbFile: join(dir, 'temporal.db'),
      port: temporalPort,
      uiPort: null,
      namespace: 'default',
      searchAttributes: { ...SEARCH_ATTRIBUTES },
      log,
      logFile: join(dir, 'temporal.log'),
    });
  };
  const startPostgres = async () => {
    postgres = await startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: postgresPort, database: 'review_cycles', log });
  };
  await startTemporal();
  await startPostgres();
  const databaseUrl = postgres!.url;
  const migrated = await openDatabase({ url: databaseUrl });
  await migrated.destroy();

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_TASK_QUEUE: 'faults',
    ADMIN_USERNAME: admin.username,
    ADMIN_PASSWORD: admin.password,
    PORT: String(apiPort),
    LOG_LEVEL: 'info', // the worker's readiness line is an info entry
  };
  const http = new ApiClient(`http://127.0.0.1:${apiPort}`);

  const startApi = async () => {
    api = await startApiProcess(env, apiPort);
  };
  const startWorker = async () => {
    const child = spawn(process.execPath, [WORKER_MAIN], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    worker = child;
    // Its log says when it polls; pino writes one JSON line per entry.
    await new Promise<void>((resolveReady, reject) => {
      let seen = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('Worker running')) resolveReady();
      });
      child.once('exit', (code) => reject(new Error(`the worker exited with ${code}`)));
    });
    child.stdout!.resume();
  };
  const killChild = async (child: ChildProcess | null) => {
    if (child === null || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };

  await startWorker();
  await startApi();

  return {
    http,
    databaseUrl,
    admin,
    killApi: async () => api?.kill(),
    startApi,
    killWorker: () => killChild(worker),
    startWorker,
    async killTemporal() {
      const pid = temporal!.pid;
      process.kill(pid, 'SIGKILL');
      await eventually(async () => {
        if (processAlive(pid)) throw new Error('still running');
      });
      await temporal!.stop(); // lets go of the dead process's handles
    },
    startTemporal,
    stopPostgres: () => postgres!.stop(),
    startPostgres,
    async stop() {
      await api?.kill();
      await killChild(worker);
      await temporal?.stop();
      await postgres?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
