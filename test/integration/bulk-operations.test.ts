import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { createReviewWorker } from '../../apps/worker/review-worker.js';
import { createActivities } from '../../libs/activities/index.js';
import { ok } from '../support/problems.js';
import { buildOrg, TEST_PASSWORD, type OrgFixture } from '../support/org-fixture.js';
import { cycleBody } from '../support/cycle-body.js';
import { eventually, launchCycle } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { runWorker, startTestWorker, type RunningTestWorker } from '../support/test-worker.js';
import { uniquePrefix } from '../support/test-env.js';

// Calendar moves and cancels as operations (issue #11 goal 3): `Prefer: respond-async` answers 202
// with an operation that runs on in batches, resumes from its checkpoint after a worker dies, and
// reaches reviews whose workflows had not started yet.

const ASYNC = { headers: { prefer: 'respond-async' } };
const MEMBERS = 8;

/** One grassroots unit: a secretary (who reviews) and MEMBERS members, one review each. */
function unitOf(prefix: string): OrgFixture {
  const people: Array<[string, 'secretary' | 'member']> = [['sec', 'secretary']];
  for (let i = 1; i <= MEMBERS; i++) people.push([`mem${i}`, 'member']);
  return buildOrg(prefix, { id: 'U', kind: 'grassroots', people });
}

const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('bulk operations: calendar moves and cancels', () => {
  const queue = `test-${randomBytes(6).toString('hex')}`;
  let app: TestApp;
  let worker: RunningTestWorker | null = null;

  before(async () => {
    app = await startTestApp({ TEMPORAL_TASK_QUEUE: queue });
  });
  after(async () => {
    await worker?.close();
    await app?.stop();
  });

  const db = () => app.product.db;
  const operation = async (id: string) => ok(await app.admin.get(`/operations/${id}`));
  const calendarEvents = async (cycleId: string): Promise<Map<string, number>> => {
    const rows: Array<{ id: string; n: number }> = await db().query(
      `SELECT r.id, count(e.*)::int AS n FROM reviews r LEFT JOIN review_events e ON e.review_id = r.id AND e.type = 'calendar.changed'
        WHERE r.cycle_id = $1 GROUP BY r.id`,
      [cycleId],
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  };
  async function launch(name: string): Promise<{ org: OrgFixture; cycleId: string }> {
    const org = unitOf(uniquePrefix(name));
    ok(await app.admin.post('/org/import', org.payload));
    return { org, cycleId: await launchCycle(app.admin, org.rootId) };
  }

  /** Stops whichever worker runs the queue (the test app's or one of this test's). */
  async function stopWorkers(): Promise<void> {
    if (worker) {
      await worker.close();
      worker = null;
    } else if (app.product.worker.getState() === 'RUNNING') {
      app.product.worker.shutdown();
      await eventually(async () => assert.equal(app.product.worker.getState(), 'STOPPED'));
    }
  }
  async function startNormalWorker(): Promise<void> {
    const started = await createReviewWorker({ config: app.config, db: db(), client: app.product.temporal });
    worker = runWorker(started.worker, started.connection);
  }
  /** A worker whose activities a test changes: small batches, a client that stalls, a held launch. */
  async function startChangedWorker(options: { temporal?: Client; holdLaunch?: Promise<void> }): Promise<void> {
    const activities = createActivities({
      db: db(),
      temporal: options.temporal ?? app.product.temporal,
      taskQueue: queue,
      startConcurrency: 1,
      operationBatchSize: 3,
    });
    if (options.holdLaunch) {
      const start = activities.startSubjectReviews;
      activities.startSubjectReviews = async (input) => {
        await options.holdLaunch;
        return start(input);
      };
    }
    worker = await startTestWorker(app, queue, activities);
  }

  it('answers 202 with an operation whose progress goes from 0 to total, every review moved once', async () => {
    const { cycleId } = await launch('ops-move');
    const res = await app.admin.post(`/cycles/${cycleId}/calendar`, { reviewDueAt: later(321) }, ASYNC);
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.equal(res.body.kind, 'calendar_move');
    assert.equal(res.body.total, MEMBERS);
    const seen: number[] = [res.body.done];
    const finished = await eventually(async () => {
      const op = await operation(res.body.id);
      seen.push(op.done);
      assert.equal(op.status, 'succeeded');
      return op;
    });
    assert.deepEqual(seen, [...seen].sort((a, b) => a - b), 'progress never goes back');
    assert.ok(seen[0]! >= 0 && seen[0]! <= finished.total);
    assert.deepEqual([finished.done, finished.failed, finished.total], [MEMBERS, 0, MEMBERS]);
    assert.ok(finished.finishedAt);
    // Done = every review told; each records the move as its workflow takes the signal.
    await eventually(async () => assert.deepEqual([...(await calendarEvents(cycleId)).values()], Array(MEMBERS).fill(1)));
  });

  it('keeps the synchronous form: 200 with the cycle once every review is moved', async () => {
    const { cycleId } = await launch('ops-sync');
    const res = await app.admin.post(`/cycles/${cycleId}/calendar`, { reviewDueAt: later(322) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.id, cycleId);
    await eventually(async () => assert.deepEqual([...(await calendarEvents(cycleId)).values()], Array(MEMBERS).fill(1)));
  });

  it('resumes after the worker died mid-operation and moves every review exactly once', async () => {
    const { cycleId } = await launch('ops-crash');
    await stopWorkers();
    // The dying worker's client: the fifth signal never returns (the process is gone mid-batch).
    let signals = 0;
    const dying = stallingClient(app.product.temporal, () => ++signals >= 5);
    await startChangedWorker({ temporal: dying });
    const res = await app.admin.post(`/cycles/${cycleId}/calendar`, { reviewDueAt: later(323) }, ASYNC);
    assert.equal(res.status, 202, JSON.stringify(res.body));
    // Batches of 3: the first is checkpointed, the second stalls after telling one review.
    const stalled = await eventually(async () => {
      const op = await operation(res.body.id);
      assert.ok(signals >= 5 && op.done === 3, JSON.stringify({ signals, op }));
      return op;
    });
    assert.equal(stalled.status, 'running');
    await stopWorkers();

    await startNormalWorker();
    const finished = await eventually(async () => {
      const op = await operation(res.body.id);
      assert.equal(op.status, 'succeeded');
      return op;
    }, { timeoutMs: 90_000 });
    assert.deepEqual([finished.done, finished.total], [MEMBERS, MEMBERS]);
    await eventually(async () => assert.deepEqual([...(await calendarEvents(cycleId)).values()], Array(MEMBERS).fill(1)));
  });

  it('reaches reviews whose workflows had not started at the time of the move: they start with the new dates', async () => {
    await stopWorkers();
    let release!: () => void;
    await startChangedWorker({ holdLaunch: new Promise<void>((resolve) => (release = resolve)) });
    const org = unitOf(uniquePrefix('ops-late'));
    const reviewDueAt = later(324);
    let cycleId: string;
    try {
      ok(await app.admin.post('/org/import', org.payload));
      cycleId = ok(await app.admin.post('/cycles', cycleBody(org.rootId)), 201).id;
      // Planned (rows written) but not started: the unit's launch is held.
      await eventually(async () => assert.equal((await db().query('SELECT count(*)::int AS n FROM reviews WHERE cycle_id = $1', [cycleId]))[0].n, MEMBERS));
      const res = await app.admin.post(`/cycles/${cycleId}/calendar`, { reviewDueAt }, ASYNC);
      assert.equal(res.status, 202, JSON.stringify(res.body));
      await eventually(async () => assert.equal((await operation(res.body.id)).status, 'succeeded'));
    } finally {
      release();
    }
    await eventually(async () => {
      const rows: Array<{ due: string }> = await db().query(`SELECT state->'calendar'->>'reviewDueAt' AS due FROM reviews WHERE cycle_id = $1`, [cycleId!]);
      assert.deepEqual(rows.map((r) => r.due), Array(MEMBERS).fill(reviewDueAt));
    });
    assert.deepEqual([...(await calendarEvents(cycleId!)).values()], Array(MEMBERS).fill(1));
    await stopWorkers();
    await startNormalWorker();
  });

  it('cancels through an operation: the cycle at once, every open review swept, workflows stopped', async () => {
    const { cycleId } = await launch('ops-cancel');
    const res = await app.admin.post(`/cycles/${cycleId}/cancel`, { reason: 'Merged into another cycle' }, ASYNC);
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.equal(res.body.kind, 'cycle_cancel');
    assert.equal(ok(await app.admin.get(`/cycles/${cycleId}`)).status, 'cancelled');
    const finished = await eventually(async () => {
      const op = await operation(res.body.id);
      assert.equal(op.status, 'succeeded');
      return op;
    });
    assert.deepEqual([finished.done, finished.total], [MEMBERS, MEMBERS]);
    const statuses: Array<{ status: string; n: number }> = await db().query('SELECT status, count(*)::int AS n FROM reviews WHERE cycle_id = $1 GROUP BY status', [cycleId]);
    assert.deepEqual(statuses, [{ status: 'cancelled', n: MEMBERS }]);
    const [{ n: events }] = await db().query(
      `SELECT count(*)::int AS n FROM review_events e JOIN reviews r ON r.id = e.review_id WHERE r.cycle_id = $1 AND e.type = 'review.cancelled'`,
      [cycleId],
    );
    assert.equal(events, MEMBERS);
    assert.equal((await app.admin.post(`/cycles/${cycleId}/cancel`, { reason: 'again' }, ASYNC)).status, 409);
  });

  it('404 for an unknown operation or one outside the caller; 403 for an admin below the cycle root', async () => {
    const { org, cycleId } = await launch('ops-scope');
    const res = await app.admin.post(`/cycles/${cycleId}/calendar`, { reviewDueAt: later(325) }, ASYNC);
    assert.equal(res.status, 202);
    assert.equal((await app.admin.get('/operations/no-such-operation')).status, 404);
    const member = await app.http.login(org.id('mem1'), TEST_PASSWORD);
    assert.equal((await member.get(`/operations/${res.body.id}`)).status, 404);

    // An auditor of a unit under the root sees part of the cycle, not its operations.
    const below = buildOrg(org.prefix, { id: 'B', kind: 'grassroots', people: [['b-sec', 'secretary']] });
    const payload = { units: below.payload.units.map((u) => ({ ...u, parentId: org.rootId })), people: [
      ...below.payload.people,
      { id: org.id('b-aud'), name: 'Auditor below', unitId: org.id('B'), position: 'member' as const, username: org.id('b-aud'), password: TEST_PASSWORD, roles: [{ role: 'auditor' as const, unitId: org.id('B') }] },
    ] };
    ok(await app.admin.post('/org/import', payload));
    const auditor = await app.http.login(org.id('b-aud'), TEST_PASSWORD);
    assert.equal((await auditor.get(`/operations/${res.body.id}`)).status, 403);
  });
});

/** Runs a worker until closed. */
/**
 * A client whose workflow signals stall once `stall()` says so, as if the process died there: the
 * activity never returns (until its worker shuts down and cancels it).
 */
function stallingClient(client: Client, stall: () => boolean): Client {
  const workflow = new Proxy(client.workflow, {
    get(target, prop, receiver) {
      if (prop !== 'getHandle') return Reflect.get(target, prop, receiver);
      return (workflowId: string) => {
        const handle = target.getHandle(workflowId);
        return new Proxy(handle, {
          get(h, p, r) {
            if (p !== 'signal') return Reflect.get(h, p, r);
            return async (...args: Parameters<typeof handle.signal>) => {
              if (stall()) {
                await new Promise((_resolve, reject) => Context.current().cancellationSignal.addEventListener('abort', () => reject(new Error('worker gone'))));
              }
              return h.signal(...args);
            };
          },
        });
      };
    },
  });
  return new Proxy(client, { get: (target, prop, receiver) => (prop === 'workflow' ? workflow : Reflect.get(target, prop, receiver)) });
}
