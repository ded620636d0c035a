import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Worker } from '@temporalio/worker';
import { createReviewWorker } from '../../apps/worker/review-worker.js';
import { ApiClient, newKey } from '../support/api-client.js';
import { startApiProcess, type ApiProcess } from '../support/api-process.js';
import { buildOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { ok } from '../support/problems.js';
import { eventually, launchCycle } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// A person's retry (same Idempotency-Key) after the API process that had the first attempt died
// with kill -9, or while that attempt still waits for Temporal: the retry gets the action's real
// outcome as soon as the servers can give it, never "still being processed" about a request no
// one is processing, and the action takes effect once.
const IMPORT_LOCK = 7_331_002; // the import's advisory lock (org-import.service.ts): holding it stalls an import

describe('a retried action after its API process died or while it waits', () => {
  const queue = `test-${randomBytes(6).toString('hex')}`;
  let app: TestApp;
  let other: ApiProcess;
  let worker: { worker: Worker; running: Promise<void>; close(): Promise<void> } | null = null;
  const org = buildOrg(uniquePrefix('crash'), { id: 'R', kind: 'grassroots', people: [['r-sec', 'secretary'], ['r-mem', 'member'], ['r-mem2', 'member']] });
  let cycleId: string;

  before(async () => {
    app = await startTestApp({ TEMPORAL_TASK_QUEUE: queue });
    ok(await app.admin.post('/org/import', org.payload));
    cycleId = await launchCycle(app.admin, org.rootId);
  });
  after(async () => {
    await worker?.close();
    await app?.stop();
  });

  /** Stops the test app's worker: updates now wait in Temporal, as when no worker is up. */
  async function stopWorkers(): Promise<void> {
    if (worker) {
      await worker.close();
      worker = null;
    } else if (app.product.worker.getState() === 'RUNNING') {
      app.product.worker.shutdown();
      await eventually(async () => assert.equal(app.product.worker.getState(), 'STOPPED'));
    }
  }
  async function startWorker(): Promise<void> {
    const started = await createReviewWorker({ config: app.config, db: app.product.db, client: app.product.temporal });
    const running = started.worker.run();
    worker = {
      worker: started.worker,
      running,
      async close() {
        if (started.worker.getState() === 'RUNNING') started.worker.shutdown();
        await running;
        await started.connection.close();
      },
    };
  }
  const pendingRecord = (key: string) =>
    eventually(async () => {
      const [row] = await app.product.db.query(`SELECT state FROM idempotency_records WHERE key = $1`, [key]);
      assert.equal(row?.state, 'pending');
    });
  const reviewOf = async (local: string) => (await app.product.db.query('SELECT id, step FROM reviews WHERE cycle_id = $1 AND subject_id = $2', [cycleId, org.id(local)]))[0];
  const eventCount = async (reviewId: string, type: string) =>
    (await app.product.db.query('SELECT count(*)::int AS n FROM review_events WHERE review_id = $1 AND type = $2', [reviewId, type]))[0].n;
  const asHead = (http: ApiClient) => http.login(org.id('r-sec'), TEST_PASSWORD);
  const targets = { targets: [{ title: 'Year plan', weight: 100 }] };

  it('takes over an action whose process was killed, and applies it once', async () => {
    const review = await reviewOf('r-mem');
    await stopWorkers();
    other = await startApiProcess({ TEMPORAL_TASK_QUEUE: queue });
    const key = newKey();
    const first = (await asHead(other.http)).post(`/reviews/${review.id}/targets`, targets, { idempotencyKey: key }).catch(() => null);
    await pendingRecord(key);
    await other.kill();
    await first;

    await startWorker();
    const retry = await (await asHead(app.http)).post(`/reviews/${review.id}/targets`, targets, { idempotencyKey: key });
    assert.equal(retry.status, 200, JSON.stringify(retry.body));
    assert.equal(retry.body.step, 'self_assessment');
    assert.equal(await eventCount(review.id, 'targets.assigned'), 1);
  });

  it('rejoins an action still waiting for Temporal in a live process: both attempts get the one outcome', async () => {
    const review = await reviewOf('r-mem2');
    await stopWorkers();
    const head = await asHead(app.http);
    const key = newKey();
    const first = head.post(`/reviews/${review.id}/targets`, targets, { idempotencyKey: key });
    await pendingRecord(key);
    // Before: 409 request_in_progress for two minutes, though the first attempt would answer as soon as it could.
    const retry = head.post(`/reviews/${review.id}/targets`, targets, { idempotencyKey: key });
    await startWorker();
    const [a, b] = await Promise.all([first, retry]);
    assert.deepEqual([a.status, b.status], [200, 200], JSON.stringify([a.body, b.body]));
    assert.deepEqual(b.body, a.body);
    assert.equal(await eventCount(review.id, 'targets.assigned'), 1);
  });

  it('takes over at once a request that is not a workflow update, once its process died', async () => {
    other = await startApiProcess({ TEMPORAL_TASK_QUEUE: queue });
    const extra = buildOrg(org.prefix, { id: 'X', people: [['x-sec', 'secretary']] });
    const payload = { ...extra.payload, units: extra.payload.units.map((u) => ({ ...u, parentId: org.rootId })) };
    const key = newKey();
    const lock = await app.product.db.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [IMPORT_LOCK]);
      const adminThere = await other.http.login(app.config.auth.adminUsername, app.config.auth.adminPassword!);
      const first = adminThere.post('/org/import', payload, { idempotencyKey: key }).catch(() => null);
      await pendingRecord(key);
      await other.kill();
      await first;
      const retry = app.admin.post('/org/import', payload, { idempotencyKey: key });
      // Answered at once before the fix: 409 request_in_progress. Now it runs, waiting for the lock like any import.
      const early = await Promise.race([retry, new Promise((resolve) => setTimeout(resolve, 1_000, 'waiting'))]);
      assert.equal(early, 'waiting', JSON.stringify(early));
      await lock.query('SELECT pg_advisory_unlock($1)', [IMPORT_LOCK]);
      const answer = await retry;
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    } finally {
      await lock.release();
    }
    const [unit] = await app.product.db.query('SELECT id FROM units WHERE id = $1', [extra.id('X')]);
    assert.ok(unit, 'the import took effect');
  });
});
