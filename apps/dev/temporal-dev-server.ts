import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, open, readdir, readFile, readlink, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { freePort } from './free-port.js';

export type SearchAttributeType = 'Keyword' | 'Text' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList';

export interface TemporalDevServer {
  /** gRPC `host:port` for clients and workers. */
  address: string;
  uiUrl: string | null;
  /** The server's process (fault-injection tests kill it outright). */
  pid: number;
  stop(): Promise<void>;
}

export interface TemporalDevServerOptions {
  /** The Temporal CLI (see findOrInstallTemporal). */
  binary: string;
  /** SQLite file that keeps workflows across restarts; null = in memory. */
  dbFile: string | null;
  /** Pragmas for the SQLite file (ignored in memory); DEV_SQLITE_PRAGMAS unless given. */
  sqlitePragmas?: Record<string, string>;
  /** gRPC port; 0 = a free one. */
  port: number;
  /** Web UI port; null = no UI, 0 = a free one. */
  uiPort: number | null;
  /** Created at launch if it is not 'default'. */
  namespace: string;
  /** Registered in `namespace` at every start (the CLI only registers them in namespaces it creates). */
  searchAttributes: Record<string, SearchAttributeType>;
  dynamicConfig?: Record<string, unknown>;
  log: (msg: string) => void;
  /** Server stdout/stderr are appended here; otherwise only kept in memory to explain a failed start. */
  logFile?: string;
}

/**
 * WAL + synchronous=normal: far fewer fsyncs; a power cut may lose the last commits but never
 * corrupts the file, which is the right trade for a developer's machine (docs/benchmarks.md
 * measures the difference).
 */
export const DEV_SQLITE_PRAGMAS: Readonly<Record<string, string>> = { journal_mode: 'wal', synchronous: 'normal' };

const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

/** Runs `temporal server start-dev` as a child process and resolves once it serves the namespace. */
export async function startTemporalDevServer(opts: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const started = Date.now();
  const port = opts.port === 0 ? await freePort() : opts.port;
  const uiPort = opts.uiPort === 0 ? await freePort() : opts.uiPort;
  const address = `127.0.0.1:${port}`;
  if (opts.dbFile !== null) {
    await mkdir(dirname(opts.dbFile), { recursive: true });
    await refuseIfAlreadyServed(opts.dbFile);
  }
  const args = await devServerArgs(opts, port, uiPort);

  opts.log(`Starting the Temporal dev server on ${address} (${opts.dbFile === null ? 'in memory' : `data in ${opts.dbFile}`})`);
  const output = await openOutput(opts.logFile);
  // Its own process group: a Ctrl-C in the terminal reaches only us, so the app can drain its
  // workers against a live server before stopping it.
  const child = spawn(opts.binary, args, { stdio: ['ignore', output.stdio, output.stdio], detached: true });
  output.attach(child);
  const server = watchProcess(child, opts.log);

  try {
    await waitUntilServing(address, opts.namespace, opts.searchAttributes, server, output, opts.log);
  } catch (error) {
    await server.stop();
    throw error;
  }
  server.markReady();
  opts.log(`Temporal dev server ready on ${address} in ${Date.now() - started} ms`);
  return { address, uiUrl: uiPort === null ? null : `http://127.0.0.1:${uiPort}`, pid: child.pid!, stop: server.stop };
}

async function devServerArgs(opts: TemporalDevServerOptions, port: number, uiPort: number | null): Promise<string[]> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'];
  // Explicit free ports, so two servers on one machine never pick the same ones.
  args.push('--http-port', String(await freePort()), '--metrics-port', String(await freePort()));
  if (uiPort === null) args.push('--headless');
  else args.push('--ui-port', String(uiPort));
  if (opts.dbFile !== null) {
    args.push('--db-filename', opts.dbFile);
    for (const [pragma, value] of Object.entries(opts.sqlitePragmas ?? DEV_SQLITE_PRAGMAS)) args.push('--sqlite-pragma', `${pragma}=${value}`);
  }
  if (opts.namespace !== 'default') args.push('--namespace', opts.namespace);
  for (const [name, type] of Object.entries(opts.searchAttributes)) args.push('--search-attribute', `${name}=${type}`);
  for (const [key, value] of Object.entries(opts.dynamicConfig ?? {})) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  return args;
}

/**
 * Two servers on one SQLite file would trample each other's state. The usual culprit is a server
 * left behind by a run that was killed outright (no 'exit' handler runs on SIGKILL).
 */
async function refuseIfAlreadyServed(dbFile: string): Promise<void> {
  if (process.platform !== 'linux') return; // found via /proc
  const wanted = resolve(dbFile);
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
    const served = args.includes('start-dev') ? dbFileArgument(args) : null;
    if (served === null) continue;
    const cwd = await readlink(`/proc/${entry}/cwd`).catch(() => '/');
    if (resolve(cwd, served) === wanted) {
      throw new Error(
        `A Temporal dev server (pid ${entry}) already runs on ${dbFile}, probably left over from a run that was killed. ` +
          `Stop it with \`kill ${entry}\` and start again.`,
      );
    }
  }
}

function dbFileArgument(args: string[]): string | null {
  for (const [index, arg] of args.entries()) {
    if ((arg === '--db-filename' || arg === '-f') && index + 1 < args.length) return args[index + 1];
    if (arg.startsWith('--db-filename=')) return arg.slice('--db-filename='.length);
  }
  return null;
}

interface WatchedProcess {
  /** How the process ended; null while it runs. */
  exitReason(): string | null;
  /** From now on an exit we did not ask for is worth a log line (before, the failed start says it). */
  markReady(): void;
  stop(): Promise<void>;
}

function watchProcess(child: ChildProcess, log: (msg: string) => void): WatchedProcess {
  let exitReason: string | null = null;
  let ready = false;
  let stopping: Promise<void> | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (error) => {
      exitReason ??= `could not run it: ${error.message}`;
      resolve();
    });
    child.once('exit', (code, signal) => {
      exitReason ??= signal === null ? `it exited with code ${code}` : `it was killed by ${signal}`;
      if (ready && stopping === null) log(`Temporal dev server stopped on its own: ${exitReason}`);
      resolve();
    });
  });
  // The server must not outlive us; 'exit' handlers can only act synchronously, so a signal it is.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  const stop = async () => {
    stopping ??= (async () => {
      if (exitReason !== null) return;
      child.kill('SIGTERM');
      const stoppedInTime = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS, false, { ref: false })]);
      if (!stoppedInTime) {
        log(`Temporal dev server did not stop within ${STOP_GRACE_MS} ms of SIGTERM; killing it`);
        child.kill('SIGKILL');
        await exited;
      }
    })();
    return stopping;
  };
  return {
    exitReason: () => exitReason,
    markReady: () => {
      ready = true;
    },
    stop,
  };
}

/** Polls until the server answers on gRPC and knows the namespace, then registers missing search attributes. */
async function waitUntilServing(
  address: string,
  namespace: string,
  searchAttributes: Record<string, SearchAttributeType>,
  server: WatchedProcess,
  output: ServerOutput,
  log: (msg: string) => void,
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError = 'the gRPC port never opened';
  while (Date.now() < deadline) {
    const exitReason = server.exitReason();
    if (exitReason !== null) throw new Error(`The Temporal dev server did not start: ${exitReason}.${await output.describeTail()}`);
    if (await acceptsConnections(address)) {
      let connection: Connection | null = null;
      try {
        connection = await Connection.connect({ address, connectTimeout: Math.max(1_000, Math.min(5_000, deadline - Date.now())) });
        await connection.workflowService.getSystemInfo({});
        await connection.workflowService.describeNamespace({ namespace });
        await registerSearchAttributes(connection, namespace, searchAttributes, log);
        return;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      } finally {
        await connection?.close();
      }
    }
    await sleep(100);
  }
  throw new Error(`The Temporal dev server on ${address} was not ready within ${START_TIMEOUT_MS} ms (last error: ${lastError}).${await output.describeTail()}`);
}

function acceptsConnections(address: string): Promise<boolean> {
  const [host, port] = address.split(':');
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port) });
    socket.setTimeout(1_000);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

const { IndexedValueType } = proto.temporal.api.enums.v1;
const INDEXED_VALUE_TYPES: Record<SearchAttributeType, proto.temporal.api.enums.v1.IndexedValueType> = {
  Text: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Int: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Double: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  Bool: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KeywordList: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/**
 * `--search-attribute` only takes effect in namespaces the CLI creates during that launch, so on
 * an existing database an attribute added to the code later would be missing without this.
 */
async function registerSearchAttributes(
  connection: Connection,
  namespace: string,
  wanted: Record<string, SearchAttributeType>,
  log: (msg: string) => void,
): Promise<void> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const known = customAttributes ?? {};
  const missing = Object.entries(wanted).filter(([name]) => !(name in known));
  for (const [name, type] of Object.entries(wanted)) {
    if (name in known && known[name] !== INDEXED_VALUE_TYPES[type]) log(`Search attribute ${name} exists in ${namespace} with another type than ${type}; leaving it`);
  }
  if (missing.length === 0) return;
  log(`Registering search attributes ${missing.map(([name]) => name).join(', ')} in namespace ${namespace}`);
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, INDEXED_VALUE_TYPES[type]])),
  });
}

interface ServerOutput {
  stdio: 'pipe' | number;
  attach(child: ChildProcess): void;
  /** The last lines the server printed, formatted to end an error message. */
  describeTail(): Promise<string>;
}

const TAIL_LINES = 30;

/**
 * With a log file the server writes to it directly (the log survives us, and the server never
 * blocks on a pipe nobody reads); without one we read its output and keep only the tail.
 */
async function openOutput(logFile: string | undefined): Promise<ServerOutput> {
  if (logFile === undefined) {
    let tail = '';
    return {
      stdio: 'pipe',
      attach(child) {
        const keep = (chunk: Buffer) => {
          tail = (tail + chunk.toString('utf8')).slice(-16_384);
        };
        child.stdout?.on('data', keep);
        child.stderr?.on('data', keep);
      },
      describeTail: async () => formatTail(tail),
    };
  }
  await mkdir(dirname(logFile), { recursive: true });
  const file = await open(logFile, 'a');
  const startOffset = (await stat(logFile)).size;
  return {
    stdio: file.fd,
    attach: () => void file.close(), // the child holds its own copy of the descriptor
    async describeTail() {
      const written = await readFile(logFile).catch(() => Buffer.alloc(0));
      return `${formatTail(written.subarray(startOffset).toString('utf8'))} (full log: ${logFile})`;
    },
  };
}

function formatTail(text: string): string {
  const lines = text.trimEnd().split('\n').slice(-TAIL_LINES);
  return lines.join('') === '' ? ' It printed nothing.' : ` Its last output:\n${lines.join('\n')}`;
}
