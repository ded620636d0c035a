import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import type { BenchConfig } from './bench-config.js';
import { rate, runConcurrently, timed, type Measurement } from './measure.js';
import { finishSignal, incrementUpdate } from './workflows/bench-definitions.js';

const BENCH_WORKFLOWS_PATH = fileURLToPath(new URL('./workflows/index.js', import.meta.url));
const noop = () => undefined;
const silentLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };

/** The trivial benchmark workflows, bundled once and reused by every server measured. */
export async function bundleBenchWorkflows(): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: BENCH_WORKFLOWS_PATH, logger: silentLogger });
  return code;
}

/**
 * (a) and (b) against one Temporal server: a worker for the trivial workflows on a task queue of
 * its own, then workflow starts and update round trips through an ordinary client.
 */
export async function measureTemporalThroughput(address: string, workflowBundle: string, config: BenchConfig): Promise<Measurement[]> {
  const namespace = 'default';
  const taskQueue = `bench-${randomBytes(4).toString('hex')}`;
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace,
    taskQueue,
    workflowBundle: { code: workflowBundle },
    maxConcurrentWorkflowTaskExecutions: 40,
    maxCachedWorkflows: 2000,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace });
  const run = randomBytes(3).toString('hex');
  try {
    // Warm up connections, the worker's cache and the server's task queue before timing anything.
    await runConcurrently(20, 10, (i) => client.workflow.execute('noopWorkflow', { taskQueue, workflowId: `bench-warmup-${run}-${i}` }));
    return [
      ...(await measureStarts(client, taskQueue, run, config)),
      ...(await measureUpdates(client, taskQueue, run, config)),
    ];
  } finally {
    worker.shutdown();
    await running;
    await nativeConnection.close();
    await connection.close();
  }
}

/**
 * The ceiling the product's figures are set against in (k) and (l): bare update round trips, 16
 * workflows taking theirs one at a time, on the product's own Temporal server (a worker and task
 * queue of their own).
 */
export async function measureUpdateCeiling(address: string, config: BenchConfig): Promise<Measurement> {
  const taskQueue = `bench-ceiling-${randomBytes(4).toString('hex')}`;
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection: nativeConnection, namespace: 'default', taskQueue, workflowBundle: { code: await bundleBenchWorkflows() }, maxCachedWorkflows: 100 });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace: 'default' });
    await runConcurrently(4, 4, (i) => client.workflow.execute('noopWorkflow', { taskQueue, workflowId: `bench-ceiling-warmup-${taskQueue}-${i}` }));
    const measured = await measureUpdates(client, taskQueue, taskQueue, { ...config, BENCH_SEQUENTIAL_UPDATES: 50, BENCH_CONCURRENT_WORKFLOWS: 16, BENCH_UPDATES_PER_WORKFLOW: 30 });
    return measured.find((m) => m.label.includes('concurrent'))!;
  } finally {
    worker.shutdown();
    await running;
    await nativeConnection.close();
    await connection.close();
  }
}

async function measureStarts(client: Client, taskQueue: string, run: string, config: BenchConfig): Promise<Measurement[]> {
  const n = config.BENCH_STARTS;
  const started = performance.now();
  const handles: Array<Awaited<ReturnType<Client['workflow']['start']>>> = [];
  const latencies = await runConcurrently(n, config.BENCH_START_CONCURRENCY, async (i) => {
    handles[i] = await client.workflow.start('noopWorkflow', { taskQueue, workflowId: `bench-noop-${run}-${i}` });
  });
  const startsMs = performance.now() - started;
  await runConcurrently(n, 100, (i) => handles[i].result());
  const completedMs = performance.now() - started;
  return [
    rate('(a) workflow starts accepted', n, startsMs, latencies, `${config.BENCH_START_CONCURRENCY} in flight; per-start latency`),
    rate('(a) the same workflows completed', n, completedMs, undefined, 'first start → last result, worker on the same machine'),
  ];
}

async function measureUpdates(client: Client, taskQueue: string, run: string, config: BenchConfig): Promise<Measurement[]> {
  const sequentialN = config.BENCH_SEQUENTIAL_UPDATES;
  const single = await client.workflow.start('counterWorkflow', { taskQueue, workflowId: `bench-counter-${run}` });
  const sequential = await timed(() => runConcurrently(sequentialN, 1, () => single.executeUpdate(incrementUpdate)));
  const counted = await single.executeUpdate(incrementUpdate);
  if (counted !== sequentialN + 1) throw new Error(`counter workflow answered ${counted} after ${sequentialN + 1} updates`);
  await single.signal(finishSignal);

  const workflows = config.BENCH_CONCURRENT_WORKFLOWS;
  const perWorkflow = config.BENCH_UPDATES_PER_WORKFLOW;
  const handles = await Promise.all(
    Array.from({ length: workflows }, (_, w) => client.workflow.start('counterWorkflow', { taskQueue, workflowId: `bench-counter-${run}-${w}` })),
  );
  const concurrent = await timed(async () => {
    const lanes = await Promise.all(handles.map((handle) => runConcurrently(perWorkflow, 1, () => handle.executeUpdate(incrementUpdate))));
    return lanes.flat();
  });
  await Promise.all(handles.map((handle) => handle.signal(finishSignal)));
  return [
    rate('(b) update round trips, sequential', sequentialN, sequential.ms, sequential.result, 'one workflow, one update at a time'),
    rate(
      '(b) update round trips, concurrent',
      workflows * perWorkflow,
      concurrent.ms,
      concurrent.result,
      `${workflows} workflows, each taking its updates one at a time (${workflows} in flight)`,
    ),
  ];
}
