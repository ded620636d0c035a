import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { findOrInstallTemporal } from './temporal-binary.js';
import { startTemporalDevServer, type TemporalDevServerOptions } from './temporal-dev-server.js';

// Smoke test of the embedded infrastructure: node dist/apps/dev/stack-smoke.js
// Starts, restarts and stops a Temporal dev server and an embedded PostgreSQL in a scratch
// directory, checking that data survives the restarts, and prints how long each step took.

const TOOLS_DIR = '/work/main/.tools';
const NAMESPACE = 'smoke';
const reviewCycleId = defineSearchAttributeKey('ReviewCycleId', SearchAttributeType.KEYWORD);

const timings: Array<[string, number]> = [];
const log = (msg: string) => process.stdout.write(`  · ${msg}\n`);

async function step<T>(name: string, action: () => Promise<T>): Promise<T> {
  process.stdout.write(`${name}\n`);
  const started = performance.now();
  const result = await action();
  timings.push([name, performance.now() - started]);
  return result;
}

function check(condition: boolean, failure: string): void {
  if (!condition) throw new Error(`Smoke check failed: ${failure}`);
}

const scratch = await mkdtemp(join(tmpdir(), 'stack-smoke-'));
try {
  await smokeTemporal();
  await smokePostgres();
  process.stdout.write('\nAll smoke checks passed.\n');
} finally {
  await rm(scratch, { recursive: true, force: true });
  process.stdout.write(`\n${timings.map(([name, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${name}`).join('\n')}\n`);
}

async function smokeTemporal(): Promise<void> {
  const binary = await step('find or install the Temporal CLI', () => findOrInstallTemporal({ toolsDir: TOOLS_DIR, log }));
  const options: TemporalDevServerOptions = {
    binary,
    dbFile: join(scratch, 'temporal', 'temporal.db'),
    port: 0,
    uiPort: null,
    namespace: NAMESPACE,
    searchAttributes: { ReviewCycleId: 'Keyword' },
    log,
    logFile: join(scratch, 'temporal', 'server.log'),
  };
  const workflowId = `smoke-${Date.now()}`;

  const first = await step('start Temporal (new database)', () => startTemporalDevServer(options));
  await step('getSystemInfo, start a workflow (no worker)', () =>
    withClient(first.address, async (client) => {
      const info = await client.connection.workflowService.getSystemInfo({});
      check(info.serverVersion !== undefined && info.serverVersion !== '', 'getSystemInfo returned no server version');
      await client.workflow.start('SmokeWorkflow', {
        taskQueue: 'smoke',
        workflowId,
        typedSearchAttributes: [{ key: reviewCycleId, value: 'cycle-1' }],
      });
    }),
  );
  await step('stop Temporal', () => first.stop());

  // A search attribute the first launch did not know: must be registered on the existing database.
  const second = await step('restart Temporal (same database)', () =>
    startTemporalDevServer({ ...options, searchAttributes: { ...options.searchAttributes, ReviewUnitId: 'Keyword' } }),
  );
  await step('describe the workflow started before the restart', () =>
    withClient(second.address, async (client) => {
      const description = await client.workflow.getHandle(workflowId).describe();
      check(description.status.name === 'RUNNING', `workflow status is ${description.status.name}, expected RUNNING`);
      check(description.typedSearchAttributes.get(reviewCycleId) === 'cycle-1', 'the ReviewCycleId search attribute was not kept');
      const { customAttributes } = await client.connection.operatorService.listSearchAttributes({ namespace: NAMESPACE });
      check(customAttributes !== null && customAttributes !== undefined && 'ReviewUnitId' in customAttributes, 'ReviewUnitId was not registered on restart');
    }),
  );
  await step('stop Temporal', () => second.stop());
}

async function smokePostgres(): Promise<void> {
  const options = { dataDir: join(scratch, 'postgres'), port: 0, database: 'smoke', log };

  const first = await step('start PostgreSQL (initdb + start + create database)', () => startEmbeddedPostgres(options));
  await step('select 1, create a table', () =>
    withPg(first.url, async (db) => {
      check((await db.query<{ one: number }>('select 1 as one')).rows[0]?.one === 1, 'select 1 did not return 1');
      await db.query('create table kept (value text)');
      await db.query("insert into kept values ('survives restarts')");
    }),
  );
  await step('stop PostgreSQL', () => first.stop());

  // A postmaster.pid naming a live process that is not PostgreSQL, as after a container restart.
  await writeFile(join(options.dataDir, 'postmaster.pid'), `${process.pid}\n${options.dataDir}\n`);
  const second = await step('restart PostgreSQL (existing cluster, stale postmaster.pid)', () => startEmbeddedPostgres(options));
  await step('read the row written before the restart', () =>
    withPg(second.url, async (db) => {
      const { rows } = await db.query<{ value: string }>('select value from kept');
      check(rows[0]?.value === 'survives restarts', 'the row did not survive the restart');
    }),
  );
  await step('stop PostgreSQL', () => second.stop());
}

async function withClient<T>(address: string, use: (client: Client) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await use(new Client({ connection, namespace: NAMESPACE }));
  } finally {
    await connection.close();
  }
}

async function withPg<T>(url: string, use: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return await use(db);
  } finally {
    await db.end();
  }
}
