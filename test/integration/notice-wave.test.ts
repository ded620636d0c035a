import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildOrg, type OrgFixture } from '../support/org-fixture.js';
import { cycleBody } from '../support/cycle-body.js';
import { eventually, waitRunning } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// Reviews sharing a due date: in a cycle created since cycle-notice-sweep-v1 the cycle's sweep
// sends their notices (before, each review woke at a time of its own, notice-wave-spread-v1; that
// path is kept for older cycles, see notice-sweep.test.ts): every notice still lands once, in the
// outbox and in the review's history, never before its time, a reminder before the due date, an
// overdue notice before the escalation; a calendar moved while the reviews wait is followed.

/** District D (secretary) over commune G (secretary and five members): seven reviews, all due at once. */
function commune(prefix: string): OrgFixture {
  return buildOrg(prefix, {
    id: 'D',
    kind: 'district',
    people: [['d-sec', 'secretary']],
    children: [{ id: 'G', kind: 'grassroots', people: [['g-sec', 'secretary'], ...[1, 2, 3, 4, 5].map((i): [string, 'member'] => [`m${i}`, 'member'])] }],
  });
}

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

interface Notice {
  review_id: string;
  kind: string;
  created_at: Date;
}

describe('a notice wave', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.stop());

  async function launch(org: OrgFixture, calendar: Record<string, unknown>): Promise<{ cycleId: string; reviewIds: string[] }> {
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);
    const created = await app.admin.post('/cycles', cycleBody(org.rootId, { calendar }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await waitRunning(app.admin, created.body.id);
    const reviews = (await app.admin.get(`/cycles/${created.body.id}/reviews?limit=500`)).body.items as Array<{ id: string }>;
    return { cycleId: created.body.id, reviewIds: reviews.map((r) => r.id) };
  }

  const outbox = async (cycleId: string): Promise<Notice[]> => app.product.db.query(`SELECT review_id, kind, created_at FROM outbox WHERE cycle_id = $1 ORDER BY id`, [cycleId]);
  const historyOf = async (reviewId: string) => (await app.admin.get(`/reviews/${reviewId}/history`)).body.events as Array<{ type: string; at: string; data: any }>;

  /** Each review's notices of one kind: exactly one, in the outbox and in its history, not before its time. */
  async function assertOnePerReview(cycleId: string, reviewIds: string[], kind: 'reminder' | 'overdue' | 'escalation', at: string) {
    const type = kind === 'reminder' ? 'task.reminded' : kind === 'overdue' ? 'task.overdue' : 'task.escalated';
    const rows = (await outbox(cycleId)).filter((n) => n.kind === kind);
    for (const reviewId of reviewIds) {
      const own = rows.filter((n) => n.review_id === reviewId);
      assert.equal(own.length, 1, `one ${kind} in the outbox for ${reviewId}`);
      const wakeAt = Date.parse(at);
      assert.ok(own[0]!.created_at.getTime() >= wakeAt, `${kind} for ${reviewId} written ${own[0]!.created_at.toISOString()}, its time ${at}`);
      const recorded = (await historyOf(reviewId)).filter((e) => e.type === type);
      assert.equal(recorded.length, 1, `one ${type} in the history of ${reviewId}`);
      assert.ok(Date.parse(recorded[0]!.at) >= wakeAt);
    }
  }

  it('reminds, tells and escalates every review once, in the order the rules say', async () => {
    const org = commune(uniquePrefix('wave'));
    const calendar = { remindBeforeSeconds: 16, escalateAfterSeconds: 6 };
    const dueAt = inSeconds(30); // the reminder at +14 s: room for a loaded machine to launch first
    const { cycleId, reviewIds } = await launch(org, { targetsDueAt: dueAt, ...calendar });
    assert.equal(reviewIds.length, 7);
    const remindAt = new Date(Date.parse(dueAt) - 16_000).toISOString();
    const escalateAt = new Date(Date.parse(dueAt) + 6_000).toISOString();

    await eventually(async () => assert.equal((await outbox(cycleId)).filter((n) => n.kind === 'escalation').length, 7), { timeoutMs: 90_000, intervalMs: 500 });
    const notices = await outbox(cycleId);
    for (const n of notices.filter((n) => n.kind === 'reminder')) assert.ok(n.created_at.getTime() < Date.parse(dueAt), `a reminder at ${n.created_at.toISOString()}, due ${dueAt}`);
    for (const n of notices.filter((n) => n.kind === 'overdue')) assert.ok(n.created_at.getTime() >= Date.parse(dueAt) && n.created_at.getTime() < Date.parse(escalateAt), `overdue at ${n.created_at.toISOString()}`);
    // The history entry may land a moment after its outbox row on a loaded machine.
    await eventually(async () => {
      await assertOnePerReview(cycleId, reviewIds, 'reminder', remindAt);
      await assertOnePerReview(cycleId, reviewIds, 'overdue', dueAt);
      await assertOnePerReview(cycleId, reviewIds, 'escalation', escalateAt);
    });
  });

  it('follows a calendar moved while the reviews wait: the reminder comes on the new schedule, once', async () => {
    const org = commune(uniquePrefix('wave-move'));
    const { cycleId, reviewIds } = await launch(org, {});
    const calendar = { remindBeforeSeconds: 10, escalateAfterSeconds: 3600 };
    const dueAt = inSeconds(22);
    const moved = await app.admin.post(`/cycles/${cycleId}/calendar`, { targetsDueAt: dueAt, ...calendar });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const remindAt = new Date(Date.parse(dueAt) - 10_000).toISOString();

    await eventually(async () => assert.equal((await outbox(cycleId)).filter((n) => n.kind === 'reminder').length, 7), { timeoutMs: 60_000, intervalMs: 500 });
    for (const n of await outbox(cycleId)) assert.ok(n.kind === 'reminder' && n.created_at.getTime() < Date.parse(dueAt), `${n.kind} at ${n.created_at.toISOString()}, due ${dueAt}`);
    await eventually(() => assertOnePerReview(cycleId, reviewIds, 'reminder', remindAt));
    for (const reviewId of reviewIds) {
      const types = (await historyOf(reviewId)).map((e) => e.type);
      assert.ok(types.indexOf('calendar.changed') < types.indexOf('task.reminded'), `${reviewId}: ${types.join(', ')}`);
    }
  });
});
