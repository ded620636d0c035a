import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startLocalStack } from '../apps/dev/local-stack.js';
import { DEMO_ROOT_UNIT, demoProvince } from '../apps/dev/demo-province.js';
import { startProduct, startProductWithWorkerProcess } from '../apps/dev/product.js';
import { findOrInstallTemporal } from '../apps/dev/temporal-binary.js';
import { DEV_SQLITE_PRAGMAS, startTemporalDevServer } from '../apps/dev/temporal-dev-server.js';
import { writeWorkflowBundle } from '../apps/worker/bundle-workflows.js';
import { readEnvConfig, type AppConfig, type ResolvedConfig } from '../libs/config/app-config.js';
import { createLogger, type Logger } from '../libs/logging/logger.js';
import { routeTemporalLogs } from '../libs/logging/temporal-logger.js';
import { readBenchConfig, type BenchConfig } from './bench-config.js';
import { login, measureCycleLaunch, type LaunchTarget } from './cycle-launch.js';
import type { Measurement } from './measure.js';
import { measureDocumentExports } from './document-exports.js';
import { measureReads, type ReadResults } from './read-latency.js';
import { writeActionsReport, writeExportsReport, writeReadsReport, writeReport, writeSpreadsheetReport, writeSweepReport, writeWaveReport, writeWebReport, type ServerRun } from './report.js';
import { measureLaunchSweep, type SweepPoint } from './launch-sweep.js';
import { processesMatching } from './process-memory.js';
import { measureActions, type ActionRun, type ActionStep } from './action-profile.js';
import { AccessTokens } from '../libs/auth/access-tokens.js';
import { measureSpreadsheetImport } from './spreadsheet-import.js';
import { SYNTHETIC_ROOT_UNIT, syntheticProvince } from './synthetic-province.js';
import { bundleBenchWorkflows, measureTemporalThroughput, measureUpdateCeiling } from './temporal-throughput.js';
import { measureTimerWave, type WaveResults } from './timer-wave.js';
import { measureAccessibility, measureFirstLoad, measureInbox } from './web-app.js';

// `npm run bench`: starts the embedded servers the way `npm start` and the tests do, measures
// (a) workflow starts, (b) update round trips, (c)/(d) cycle launches, (e)/(f)/(g) the web app
// (first-load size, a 500-task inbox, accessibility), and rewrites the generated
// section of docs/benchmarks.md. Takes a few minutes; run it on an otherwise idle machine.

const config = readEnvConfig();
const bench = readBenchConfig();
const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, { process: 'bench' });
routeTemporalLogs(logger, 'ERROR');
const progress = (msg: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`);

const startedAt = new Date();
const loadAtStart = loadavg()[0];
const scratch = await mkdtemp(join(tmpdir(), 'review-cycles-bench-'));
try {
  const binary = await findOrInstallTemporal({ toolsDir: resolve(config.embedded.toolsDir), log: progress });
  const temporalVersion = (await promisify(execFile)(binary, ['--version'])).stdout.trim();
  const throughput = bench.BENCH_ONLY === 'all' || bench.BENCH_ONLY === 'temporal' ? await measureServers(binary, bench) : [];
  const stackRuns = bench.BENCH_ONLY === 'temporal' ? null : await measureOnStack(config, bench, logger);
  const launches = stackRuns && stackRuns.launches.length > 0 ? stackRuns.launches : null;
  if (stackRuns && stackRuns.spreadsheet.length > 0) {
    await writeSpreadsheetReport(bench.BENCH_OUTPUT, startedAt, stackRuns.spreadsheet, [
      `API and worker in one process on the embedded PostgreSQL; password hash cost ${config.auth.passwordHashCost} (nobody in the province has a login)`,
      `Load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadavg()[0].toFixed(2)}: other processes on the machine skew every number`,
    ]);
  }
  if (stackRuns && stackRuns.exports.length > 0) await writeExportsReport(bench.BENCH_OUTPUT, startedAt, stackRuns.exports, `Load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadavg()[0].toFixed(2)}`);
  if (stackRuns && stackRuns.actions) {
    await writeActionsReport(bench.BENCH_OUTPUT, startedAt, {
      ...stackRuns.actions,
      inFlight: bench.BENCH_ACTIONS_IN_FLIGHT,
      settings: [
        `Synthetic province of ~${bench.BENCH_SYNTHETIC_SUBJECTS} subjects (BENCH_SYNTHETIC_SUBJECTS), ${bench.BENCH_ACTIONS_IN_FLIGHT} requests in flight (BENCH_ACTIONS_IN_FLIGHT); each run launches a cycle of its own on the same stack`,
        `Load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadavg()[0].toFixed(2)}: other processes on the machine skew every number`,
      ],
    });
  }
  if (stackRuns && stackRuns.sweep) await writeSweepReport(bench.BENCH_OUTPUT, startedAt, stackRuns.sweep, `Load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadavg()[0].toFixed(2)}: other processes on the machine skew every number`);
  if (stackRuns && stackRuns.wave) await writeWaveReport(bench.BENCH_OUTPUT, startedAt, stackRuns.wave, `Load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadavg()[0].toFixed(2)}: other processes on the machine skew every number`);
  if (stackRuns && stackRuns.reads) await writeReadsReport(bench.BENCH_OUTPUT, startedAt, stackRuns.reads, `Load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadavg()[0].toFixed(2)}`);
  if (stackRuns && stackRuns.web.length > 0) {
    await writeWebReport(bench.BENCH_OUTPUT, startedAt, stackRuns.web, [`Load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadavg()[0].toFixed(2)}: other processes on the machine skew every number`]);
  }
  // A run of (e)–(g), (h) or (i) alone leaves the other sections as they were.
  if (bench.BENCH_ONLY === 'all' || bench.BENCH_ONLY === 'temporal' || bench.BENCH_ONLY === 'cycles') await writeReport(bench.BENCH_OUTPUT, {
    startedAt,
    temporalVersion,
    throughput,
    launches: launches && { mode: `SQLite file with ${pragmaList(DEV_SQLITE_PRAGMAS)}, API and worker in one process`, measurements: launches },
    settings: [
      `Worker: maxConcurrentWorkflowTaskExecutions ${config.worker.maxConcurrentWorkflowTaskExecutions}, maxConcurrentActivityTaskExecutions ${config.worker.maxConcurrentActivityTaskExecutions}, start concurrency ${config.worker.startConcurrency}; password hash cost ${config.auth.passwordHashCost}`,
      `Load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadavg()[0].toFixed(2)}: other processes on the machine skew every number`,
      `Total benchmark time ${Math.round((Date.now() - startedAt.getTime()) / 1000)} s`,
    ],
  });
  progress(`Wrote ${bench.BENCH_OUTPUT}`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}

/** (a) and (b) on three fresh dev servers: in memory, SQLite file as is, SQLite file with the dev pragmas. */
async function measureServers(binary: string, settings: BenchConfig): Promise<ServerRun[]> {
  const workflowBundle = await bundleBenchWorkflows();
  const modes: Array<{ mode: string; dbFile: string | null; pragmas: Record<string, string> }> = [
    { mode: 'in memory', dbFile: null, pragmas: {} },
    { mode: 'SQLite file, default pragmas', dbFile: join(scratch, 'default', 'temporal.db'), pragmas: {} },
    { mode: 'SQLite file, dev pragmas', dbFile: join(scratch, 'wal', 'temporal.db'), pragmas: { ...DEV_SQLITE_PRAGMAS } },
  ];
  const runs: ServerRun[] = [];
  for (const { mode, dbFile, pragmas } of modes) {
    progress(`(a)/(b) on a dev server ${mode}`);
    const server = await startTemporalDevServer({ binary, dbFile, sqlitePragmas: pragmas, port: 0, uiPort: null, namespace: 'default', searchAttributes: {}, log: progress });
    try {
      const measurements = await measureTemporalThroughput(server.address, workflowBundle, settings);
      for (const m of measurements) progress(`  ${m.label}: ${Math.round(m.perSecond ?? 0)}/s (N=${m.n}, ${Math.round(m.ms)} ms)`);
      runs.push({ mode, pragmas: dbFile === null ? 'none (in memory)' : Object.keys(pragmas).length === 0 ? 'none passed (SQLite defaults)' : pragmaList(pragmas), measurements });
    } finally {
      await server.stop();
    }
  }
  return runs;
}

/** (c)/(d) through the HTTP API, (e)/(f)/(g) in Chromium, (h) the spreadsheet import and (i) exports, on the stack `npm start` runs. */
interface StackResults {
  launches: Measurement[];
  web: Measurement[];
  spreadsheet: Measurement[];
  exports: Measurement[];
  reads: ReadResults | null;
  actions: { runs: ActionRun[]; ceiling: Measurement } | null;
  wave: WaveResults | null;
  sweep: SweepResults | null;
}

async function measureOnStack(appConfig: AppConfig, settings: BenchConfig, log: Logger): Promise<StackResults> {
  progress('starting the embedded stack (Temporal on a SQLite file, PostgreSQL)');
  const stack = await startLocalStack(
    { ...appConfig, embedded: { ...appConfig.embedded, dataDir: join(scratch, 'stack'), temporalPort: 0, postgresPort: 0 } },
    log,
    { persistent: true, ui: false },
  );
  try {
    const bundle = join(scratch, 'workflow-bundle.js');
    await writeWorkflowBundle(bundle);
    const product = await startProduct({ ...stack.config, worker: { ...stack.config.worker, workflowBundlePath: bundle } }, log, { host: '127.0.0.1', port: 0 });
    let results: StackResults;
    const only = (...parts: string[]) => settings.BENCH_ONLY === 'all' || parts.includes(settings.BENCH_ONLY);
    try {
      const target = { baseUrl: product.api.url, token: await login(product.api.url, stack.config.auth.adminUsername, stack.config.auth.adminPassword!) };
      const timeoutMs = settings.BENCH_LAUNCH_TIMEOUT_SECONDS * 1000;
      const launches = only('cycles') ? await measureLaunches(target, settings, timeoutMs) : [];
      const web = only('web') ? await measureWebApp(target, timeoutMs, { username: stack.config.auth.adminUsername, password: stack.config.auth.adminPassword! }) : [];
      const spreadsheet = only('spreadsheet') ? await measureSpreadsheet(target, settings) : [];
      const exports = only('exports') ? await measureExports(product.db, target, settings) : [];
      const reads = only('reads') ? await measureReadLatency(product.db, target, settings, stack.config.auth.passwordHashCost) : null;
      const actions = only('actions') ? await measureActionSteps(product, stack.config.temporal.address!, target, settings, timeoutMs) : null;
      const wave = only('wave') ? await measureWave(product.db, target, stack.config.temporal.address, settings) : null;
      results = { launches, web, spreadsheet, exports, reads, actions, wave, sweep: null };
    } finally {
      await product.stop();
    }
    if (only('sweep')) results.sweep = await measureSweep(stack.config, bundle, stack.config.temporal.address!, join(scratch, 'stack'), settings, log);
    if (results.actions && settings.BENCH_ACTIONS_WORKER_PROCESS) {
      // Once the in-process worker stopped: two workers on one task queue would share the work.
      const apart = await startProductWithWorkerProcess({ ...stack.config, worker: { ...stack.config.worker, workflowBundlePath: bundle } }, log, { host: '127.0.0.1', port: 0 });
      try {
        const target = { baseUrl: apart.api.url, token: await login(apart.api.url, stack.config.auth.adminUsername, stack.config.auth.adminPassword!) };
        progress('(k) again, with the worker in a process of its own');
        const steps = await measureActions(apart.db, target, apart.api.app.get(AccessTokens), settings.BENCH_SYNTHETIC_SUBJECTS, settings.BENCH_ACTIONS_IN_FLIGHT, settings.BENCH_LAUNCH_TIMEOUT_SECONDS * 1000, settings.BENCH_DIAG);
        logSteps(steps);
        results.actions.runs.push({ label: 'worker in a process of its own (API in another)', steps });
      } finally {
        await apart.stop();
      }
    }
    return results;
  } finally {
    await stack.stop();
  }
}

async function measureLaunches(target: LaunchTarget, settings: BenchConfig, timeoutMs: number): Promise<Measurement[]> {
  progress('(c) demo province');
  const demo = await measureCycleLaunch(target, '(c) demo province', demoProvince(), DEMO_ROOT_UNIT, timeoutMs);
  progress(`(d) synthetic province of ~${settings.BENCH_SYNTHETIC_SUBJECTS} subjects`);
  const synthetic = await measureCycleLaunch(target, '(d) synthetic province', syntheticProvince(settings.BENCH_SYNTHETIC_SUBJECTS), SYNTHETIC_ROOT_UNIT, timeoutMs);
  for (const m of [...demo, ...synthetic]) progress(`  ${m.label}: N=${m.n} in ${Math.round(m.ms)} ms`);
  return [...demo, ...synthetic];
}

async function measureWebApp(target: LaunchTarget, timeoutMs: number, admin: { username: string; password: string }): Promise<Measurement[]> {
  progress('(e) first-load size of the built web app');
  const firstLoad = await measureFirstLoad(fileURLToPath(new URL('../web/', import.meta.url)));
  progress('(f) a 500-task inbox in Chromium');
  const inbox = await measureInbox(target, timeoutMs);
  progress('(g) accessibility (axe-core) of the main screens');
  const a11y = await measureAccessibility(target.baseUrl, admin);
  const all = [...firstLoad, ...inbox, ...a11y];
  for (const m of all) progress(`  ${m.label}: ${m.note ?? `${Math.round(m.ms)} ms`}`);
  return all;
}

async function measureSpreadsheet(target: LaunchTarget, settings: BenchConfig): Promise<Measurement[]> {
  progress(`(h) a province of ${settings.BENCH_SPREADSHEET_PEOPLE} people as one XLSX upload, and as JSON`);
  const measurements = await measureSpreadsheetImport(target, settings.BENCH_SPREADSHEET_PEOPLE);
  for (const m of measurements) progress(`  ${m.label}: N=${m.n} in ${Math.round(m.ms)} ms`);
  return measurements;
}

async function measureExports(db: Parameters<typeof measureDocumentExports>[0], target: LaunchTarget, settings: BenchConfig): Promise<Measurement[]> {
  progress(`(i) exports: seeding a province of ${settings.BENCH_EXPORT_SUBJECTS} subjects and ${settings.BENCH_EXPORT_AUDIT_ROWS} audit entries`);
  const measured = await measureDocumentExports(db, target, settings.BENCH_EXPORT_SUBJECTS, settings.BENCH_EXPORT_AUDIT_ROWS);
  for (const m of measured) progress(`  ${m.label}: N=${m.n} in ${Math.round(m.ms)} ms; ${m.note}`);
  return measured;
}

async function measureReadLatency(db: Parameters<typeof measureReads>[0], target: LaunchTarget, settings: BenchConfig, hashCost: number): Promise<ReadResults> {
  progress(`(j) reads: seeding a province of ${settings.BENCH_READS_SUBJECTS} reviews and ${settings.BENCH_READS_AUDIT_ROWS} audit entries, then ${settings.BENCH_READS_REQUESTS} requests per persona × endpoint`);
  const results = await measureReads(db, target, settings.BENCH_READS_SUBJECTS, settings.BENCH_READS_AUDIT_ROWS, settings.BENCH_READS_REQUESTS, hashCost);
  progress(`  seeded in ${Math.round(results.seedMs)} ms (${results.tasks} tasks)`);
  for (const c of [...results.ceiling, ...results.cases]) progress(`  ${c.persona} ${c.endpoint}: ${c.status} p50 ${c.p50Ms.toFixed(1)} ms, p99 ${c.p99Ms.toFixed(1)} ms`);
  return results;
}

async function measureActionSteps(
  product: { db: Parameters<typeof measureActions>[0]; api: { app: { get(type: typeof AccessTokens): AccessTokens } } },
  temporalAddress: string,
  target: LaunchTarget,
  settings: BenchConfig,
  timeoutMs: number,
): Promise<{ runs: ActionRun[]; ceiling: Measurement }> {
  progress(`(k) ceiling: bare update round trips on the stack's Temporal server, 16 in flight`);
  const ceiling = await measureUpdateCeiling(temporalAddress, settings);
  progress(`  ${ceiling.label}: ${Math.round(ceiling.perSecond ?? 0)}/s`);
  progress(`(k) actions: a cycle over ~${settings.BENCH_SYNTHETIC_SUBJECTS} subjects, then targets, self-assessments and reviews, ${settings.BENCH_ACTIONS_IN_FLIGHT} in flight`);
  const steps = await measureActions(product.db, target, product.api.app.get(AccessTokens), settings.BENCH_SYNTHETIC_SUBJECTS, settings.BENCH_ACTIONS_IN_FLIGHT, timeoutMs, settings.BENCH_DIAG);
  logSteps(steps);
  return { runs: [{ label: 'API and worker in one process, as `npm start` runs them', steps }], ceiling };
}

function logSteps(steps: ActionStep[]): void {
  for (const s of steps) progress(`  ${s.step}: ${s.n} in ${Math.round(s.ms)} ms = ${((s.n * 1000) / s.ms).toFixed(1)}/s; p50 ${Math.round(s.p50Ms)} ms, p99 ${Math.round(s.p99Ms)} ms; ${s.failures} failed${s.firstFailure ? ` (first: ${s.firstFailure})` : ''}`);
}

async function measureWave(db: Parameters<typeof measureTimerWave>[0], target: LaunchTarget, temporalAddress: string, settings: BenchConfig): Promise<WaveResults> {
  progress(`(l) a reminder wave over ~${settings.BENCH_WAVE_SUBJECTS} reviews, due ${settings.BENCH_WAVE_LEAD_SECONDS} s after the launch starts`);
  const results = await measureTimerWave(db, target, temporalAddress, settings, progress);
  progress(`  assignments before: N=${results.before.n} (${results.before.failed} refused) p50 ${Math.round(results.before.p50Ms)} ms, p99 ${Math.round(results.before.p99Ms)} ms`);
  progress(`  assignments during: N=${results.during.n} (${results.during.failed} refused) p50 ${Math.round(results.during.p50Ms)} ms, p99 ${Math.round(results.during.p99Ms)} ms`);
  progress(`  ${results.reminders} reminders; lateness p50 ${Math.round(results.historyLateness.p50Ms)} ms, max ${Math.round(results.historyLateness.maxMs)} ms; wave ${Math.round(results.waveMs / 1000)} s`);
  return results;
}

interface SweepResults {
  points: SweepPoint[];
  ceiling: Measurement[];
}

/** (m) on npm start's arrangement (the worker in its own process), once the in-process worker stopped. */
async function measureSweep(config: ResolvedConfig, bundle: string, temporalAddress: string, dataDir: string, settings: BenchConfig, log: Logger): Promise<SweepResults> {
  progress('(m) ceiling: bare workflow starts and update round trips on the stack\'s Temporal server');
  const ceiling = await measureTemporalThroughput(temporalAddress, await bundleBenchWorkflows(), settings);
  for (const m of ceiling) progress(`  ${m.label}: ${Math.round(m.perSecond ?? 0)}/s`);
  const apart = await startProductWithWorkerProcess({ ...config, worker: { ...config.worker, workflowBundlePath: bundle } }, log, { host: '127.0.0.1', port: 0 });
  try {
    const target = { baseUrl: apart.api.url, token: await login(apart.api.url, config.auth.adminUsername, config.auth.adminPassword!) };
    progress(`(m) launches of ${settings.BENCH_SWEEP_SIZES.join(', ')} subjects, one after another, every review left open`);
    const processes = async () => [
      { name: 'API (+ benchmark client)', pids: [process.pid] },
      { name: 'worker', pids: apart.workerPid ? [apart.workerPid] : [] },
      { name: 'Temporal', pids: await processesMatching(join(dataDir, 'temporal')) },
      { name: 'PostgreSQL', pids: await processesMatching(join(dataDir, 'postgres')) },
    ];
    const points = await measureLaunchSweep(apart.db, apart.temporal, target, settings.BENCH_SWEEP_SIZES, settings.BENCH_LAUNCH_TIMEOUT_SECONDS * 1000, processes, dataDir, progress);
    return { points, ceiling };
  } finally {
    await apart.stop();
  }
}

function pragmaList(pragmas: Readonly<Record<string, string>>): string {
  return Object.entries(pragmas)
    .map(([k, v]) => `\`${k}=${v}\``)
    .join(', ');
}
