import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adoptReviewsUpdate, reassignReviewUpdate, unitProgressQuery } from '../../libs/temporal/definitions.js';
import { registryChangesWorkflowId, unitWorkflowId } from '../../libs/temporal/workflow-ids.js';
import { newKey } from '../support/api-client.js';
import { cycleBody } from '../support/cycle-body.js';
import { buildOrg, TEST_PASSWORD, type OrgFixture } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { allReviews, completeReview, eventually, launchCycle, waitRunning } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// Issue #10 item 3: registry changes are routed on what the unit workflows answer, not on the
// read model's phase of their reports, which lags behind them.

describe('registry changes routed on the workflows’ own phase', () => {
  let app: TestApp;
  let people: Participants;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
  });
  after(() => app?.stop());

  /** Imports as an administrator; the handle of the workflow that applies the import to running cycles. */
  async function importRegistry(body: object) {
    const key = newKey();
    const res = await app.admin.post('/org/import', body, { idempotencyKey: key });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return app.product.temporal.workflow.getHandle(registryChangesWorkflowId(`${app.config.auth.adminUsername}/${key}`));
  }
  const importAndApply = async (body: object) => (await importRegistry(body)).result();

  it('keeps a transferred review with its unit when the new unit stopped collecting, though the read model still shows it collecting', async () => {
    const org = buildOrg(uniquePrefix('stale-phase'), {
      id: 'P',
      kind: 'province',
      people: [['p-sec', 'secretary']],
      children: [
        { id: 'D1', kind: 'district', people: [['d1-sec', 'secretary'], ['d1-mem', 'member']] },
        { id: 'D2', kind: 'district', people: [['d2-sec', 'secretary'], ['d2-mem', 'member']] },
      ],
    });
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);
    const cycleId = await launchCycle(app.admin, org.rootId);
    const progress = (unit: string) => app.product.temporal.workflow.getHandle(unitWorkflowId(cycleId, org.id(unit))).query(unitProgressQuery);
    const reviews = async () => new Map((await allReviews(app.admin, cycleId)).map((r) => [`${r.subject.type}:${r.subject.id}`, r]));

    // D2 closes its only review and prepares its report: it no longer collects.
    await completeReview(people, (await reviews()).get(`person:${org.id('d2-mem')}`)!, 'good');
    await eventually(async () => assert.equal((await progress('D2')).phase, 'ready'));
    // The read model a moment behind the workflow, as it is between the workflow's step and its write.
    const report = [cycleId, org.id('D2')];
    await app.product.db.query(`UPDATE reports SET status = 'collecting' WHERE cycle_id = $1 AND unit_id = $2`, report);
    try {
      const moved = { id: org.id('d1-mem'), name: 'Person d1-mem', unitId: org.id('D2'), position: 'member' };
      await importAndApply({ people: [moved] });
    } finally {
      await app.product.db.query(`UPDATE reports SET status = 'ready' WHERE cycle_id = $1 AND unit_id = $2`, report);
    }

    const review = (await reviews()).get(`person:${org.id('d1-mem')}`)!;
    assert.equal(review.reviewerId, org.id('d2-sec'), 'the transfer reaches the reviewer');
    const [row] = await app.product.db.query('SELECT owner_unit_id FROM reviews WHERE id = $1', [review.id]);
    assert.equal(row.owner_unit_id, org.id('D1'), 'owned by the unit that still waits for it');
    assert.equal((await progress('D1')).pendingReviews, 1);
    assert.equal((await progress('D2')).pendingReviews, 0);

    // Counted once, by its owner.
    await completeReview(people, review, 'good');
    const d1Report = await eventually(async () => {
      const res = await app.admin.get(`/cycles/${cycleId}/units/${org.id('D1')}/report`);
      assert.equal(res.body.status, 'ready', JSON.stringify(res.body));
      return res.body;
    });
    assert.equal(d1Report.people.total, 1, JSON.stringify(d1Report.people));
    assert.equal((await app.admin.get(`/cycles/${cycleId}/units/${org.id('D2')}/report`)).body.people.total, 1, 'd2-mem only');
  });

  it('starts a unit created while its parent is still launching, with its own, its head’s and its members’ reviews, and reviews a member joining the parent', async () => {
    const org = buildOrg(uniquePrefix('launching-parent'), {
      id: 'R',
      kind: 'district',
      people: [['r-sec', 'secretary']],
      children: [{ id: 'G', kind: 'grassroots', people: [['g-sec', 'secretary'], ['g-mem', 'member']] }],
    });
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);

    // Holds the root's launch after it read the registry and before it records its report (its
    // workflow is launching, the read model knows nothing of it) while a new unit is imported
    // under it. Other tests' report writes wait for these few seconds too.
    const lock = app.product.db.createQueryRunner();
    await lock.connect();
    let cycleId: string;
    let applying: Awaited<ReturnType<typeof importRegistry>> | undefined;
    try {
      await lock.startTransaction();
      await lock.query('LOCK TABLE reports IN EXCLUSIVE MODE');
      const [{ pid }] = await lock.query('SELECT pg_backend_pid() AS pid');
      const created = await app.admin.post('/cycles', cycleBody(org.rootId));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      cycleId = created.body.id;
      await eventually(async () => {
        const [{ n }] = await app.product.db.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid]);
        assert.ok(n > 0, 'the root is planning its launch');
      });

      const person = (local: string, position: string, unit = 'H') => ({ id: org.id(local), name: `Person ${local}`, unitId: org.id(unit), position, username: org.id(local), password: TEST_PASSWORD });
      applying = await importRegistry({
        units: [{ id: org.id('H'), parentId: org.rootId, name: 'Unit H', kind: 'grassroots' }],
        people: [person('h-sec', 'secretary'), person('h-mem', 'member'), person('r-new', 'member', 'R')],
      });
      // The import's changes are planned while the root launches, or wait for the root's plan to be recorded.
      await eventually(async () => {
        const planned = (await applying!.fetchHistory()).events?.some((e) => e.activityTaskCompletedEventAttributes);
        const [{ n }] = await app.product.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'SELECT id FROM cycles WHERE id = $1 FOR UPDATE%'`);
        assert.ok(planned || n > 0, 'planned or waiting for the root’s plan');
      });
    } finally {
      await lock.commitTransaction().catch(() => undefined);
      await lock.release();
    }
    await applying!.result();

    await waitRunning(app.admin, cycleId);
    const bySubject = await eventually(async () => {
      const all = new Map((await allReviews(app.admin, cycleId)).map((r) => [r.subject.id, r]));
      for (const local of ['H', 'h-sec', 'h-mem', 'r-new']) assert.ok(all.has(org.id(local)), `no review of ${local} yet`);
      return all;
    });
    assert.equal(bySubject.get(org.id('h-mem'))!.reviewerId, org.id('h-sec'));
    assert.equal(bySubject.get(org.id('r-new'))!.reviewerId, org.id('r-sec'));
    assert.equal((await app.product.temporal.workflow.getHandle(unitWorkflowId(cycleId, org.id('H'))).query(unitProgressQuery)).pendingReviews, 1);

    // Everything rolls up: the root waits for H's report and for H's and h-sec's reviews.
    for (const review of bySubject.values()) await completeReview(people, review, 'good');
    for (const [unit, head] of [['G', 'g-sec'], ['H', 'h-sec'], ['R', 'r-sec']] as const) {
      const path = `/cycles/${cycleId}/units/${org.id(unit)}/report`;
      const client = await people.as(org.id(head));
      await eventually(async () => assert.equal((await client.get(path)).body.status, 'ready', `report of ${unit}`));
      assert.equal((await client.post(path, { summary: `Report of ${unit}` })).status, 200);
    }
    await eventually(async () => assert.equal((await app.admin.get(`/cycles/${cycleId}`)).body.status, 'completed'));
    assert.equal((await app.admin.get(`/cycles/${cycleId}/units/${org.rootId}/report`)).body.units.total, 2, 'G and H');
  });
  it('leaves exactly the final owner waiting when two imports move one review at the same time', async () => {
    const org = buildOrg(uniquePrefix('overlap'), {
      id: 'P',
      kind: 'province',
      people: [['p-sec', 'secretary']],
      children: ['D1', 'D2', 'D3'].map((d) => {
        const local = d.toLowerCase();
        return { id: d, kind: 'district' as const, people: [[`${local}-sec`, 'secretary'], [`${local}-mem`, 'member'], [`${local}-mem2`, 'member']] as Array<[string, 'secretary' | 'member']> };
      }),
    });
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);
    const cycleId = await launchCycle(app.admin, org.rootId);
    const handle = (workflowId: string) => app.product.temporal.workflow.getHandle(workflowId);
    const progress = (unit: string) => handle(unitWorkflowId(cycleId, org.id(unit))).query(unitProgressQuery);
    const review = (await allReviews(app.admin, cycleId)).find((r) => r.subject.id === org.id('d1-mem'))!;
    const workflowId = (await app.product.db.query('SELECT state FROM reviews WHERE id = $1', [review.id]))[0].state.workflowId;

    // What two imports' deliveries do, overlapping: each has the unit it moves the review to adopt
    // it, then moves the review there, the second planned from the same state as the first.
    const deliver = async (importId: string, unit: 'D2' | 'D3') => {
      const adopted = await handle(unitWorkflowId(cycleId, org.id(unit))).executeUpdate(adoptReviewsUpdate, {
        updateId: `${importId}:adopt:${review.id}`,
        args: [{ reviews: [{ reviewId: review.id, workflowId }] }],
      });
      assert.equal(adopted.accepted, true);
      const to = org.id(unit);
      const command = { actorId: app.config.auth.adminUsername, reason: 'transferred' as const, reviewerId: org.id(`${unit.toLowerCase()}-sec`), selfActorId: org.id('d1-mem'), unitId: to, ownerUnitId: to, decidingUnitId: to, owner: 'adopted' as const };
      await handle(workflowId).executeUpdate(reassignReviewUpdate, { updateId: `${importId}:reassign:${review.id}`, args: [command] });
    };
    const key = newKey();
    await Promise.all([deliver(`${key}-a`, 'D2'), deliver(`${key}-b`, 'D3')]);

    const [{ owner_unit_id: ownerId }] = await app.product.db.query('SELECT owner_unit_id FROM reviews WHERE id = $1', [review.id]);
    const owner = ownerId === org.id('D2') ? 'D2' : 'D3';
    const other = owner === 'D2' ? 'D3' : 'D2';
    assert.equal(ownerId, org.id(owner));
    await eventually(async () => {
      assert.equal((await progress(owner)).pendingReviews, 3, `${owner}, the owner, waits for it`);
      assert.equal((await progress(other)).pendingReviews, 2, `${other} let it go`);
      assert.equal((await progress('D1')).pendingReviews, 1, 'D1 let it go');
    });

    const moved = (await allReviews(app.admin, cycleId)).find((r) => r.id === review.id)!;
    await completeReview(people, moved, 'good');
    await eventually(async () => assert.equal((await progress(owner)).pendingReviews, 2));
  });
});
