import { cycleBody } from '../support/cycle-body.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newKey, type ApiClient } from '../support/api-client.js';
import { threeLevelOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { allReviews, eventually, waitRunning } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

describe('cycles: POST /cycles, GET /cycles(/:id), POST /cycles/:id/cancel', () => {
  let app: TestApp;
  let people: Participants;
  const org = threeLevelOrg(uniquePrefix('e2e-cyc'));
  const other = threeLevelOrg(uniquePrefix('e2e-cyc-other'));
  let cycleId: string;
  let districtAdmin: ApiClient;
  let auditor: ApiClient;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    const payload = structuredClone(org.payload);
    payload.people.push(
      { id: org.id('d-admin'), name: 'District admin', unitId: org.id('D'), position: 'member', username: org.id('d-admin'), password: TEST_PASSWORD, roles: [{ role: 'admin', unitId: org.id('D') }] },
      { id: org.id('auditor'), name: 'Auditor', unitId: org.rootId, position: 'member', username: org.id('auditor'), password: TEST_PASSWORD, roles: [{ role: 'auditor', unitId: org.rootId }] },
    );
    ok(await app.admin.post('/org/import', payload));
    ok(await app.admin.post('/org/import', other.payload));
    districtAdmin = await people.as(org.id('d-admin'));
    auditor = await people.as(org.id('auditor'));
    const created = ok(await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2026, title: 'Review 2026' })), 201);
    cycleId = created.id;
    assert.equal(typeof created.workflowId, 'string');
    assert.ok(['launching', 'running'].includes(created.status));
    await waitRunning(app.admin, cycleId);
  });
  after(() => app?.stop());

  it('GET /cycles/:id shows the cycle with its progress', async () => {
    const cycle = ok(await app.admin.get(`/cycles/${cycleId}`));
    assert.equal(cycle.id, cycleId);
    assert.equal(cycle.year, 2026);
    assert.equal(cycle.rootUnitId, org.rootId);
    assert.equal(cycle.title, 'Review 2026');
    assert.equal(cycle.status, 'running');
    assert.equal(typeof cycle.createdAt, 'string');
    assert.equal(cycle.createdBy, app.config.auth.adminUsername);
    assert.equal(cycle.progress.subjects, 11); // the 9 of the fixture and the two people added above
    await eventually(async () => assert.equal(ok(await app.admin.get(`/cycles/${cycleId}`)).progress.launched, 11));
    const progress = ok(await app.admin.get(`/cycles/${cycleId}`)).progress;
    assert.equal(progress.byStep.target_assignment, 11);
    assert.equal(progress.completed, 0);
  });

  it('GET /cycles lists what the caller may see, with filters and pages', async () => {
    const otherCycle = ok(await app.admin.post('/cycles', cycleBody(other.rootId, { year: 2026 })), 201).id;
    const all = ok(await app.admin.get('/cycles?limit=500'));
    assert.ok(all.items.some((c: { id: string }) => c.id === cycleId));
    assert.ok(all.items.some((c: { id: string }) => c.id === otherCycle));
    for (const cycle of all.items) for (const field of ['id', 'year', 'rootUnitId', 'title', 'status', 'createdAt', 'createdBy', 'progress']) assert.ok(field in cycle, `${field} missing`);
    // The auditor of this org sees its cycle and not the other org's; a member sees the cycle they take part in.
    const audited = ok(await auditor.get('/cycles')).items.map((c: { id: string }) => c.id);
    assert.ok(audited.includes(cycleId));
    assert.ok(!audited.includes(otherCycle));
    await eventually(async () => assert.deepEqual(ok(await (await people.as(org.id('g-mem1'))).get('/cycles')).items.map((c: { id: string }) => c.id), [cycleId]));
    assert.deepEqual(ok(await (await people.as(other.id('g-mem1'))).get('/cycles')).items.map((c: { id: string }) => c.id).includes(cycleId), false);
    // Pages: limit 1 walks the list one at a time without repeating.
    const first = ok(await app.admin.get('/cycles?limit=1'));
    assert.equal(first.items.length, 1);
    assert.ok(first.nextCursor);
    const second = ok(await app.admin.get(`/cycles?limit=1&cursor=${first.nextCursor}`));
    assert.notEqual(second.items[0].id, first.items[0].id);
    assert.ok(ok(await app.admin.get('/cycles?year=2026&status=running&limit=500')).items.every((c: { year: number; status: string }) => c.year === 2026 && c.status !== 'cancelled'));
    assertProblem(await app.admin.get('/cycles?limit=501'), 400, ['limit']);
    assertProblem(await app.admin.get('/cycles?limit=0&status=paused&cursor=%25%25'), 400, ['limit', 'status', 'cursor']);
  });

  it('answers 404 for an unknown cycle and for a cycle outside the caller’s scope', async () => {
    assertProblem(await app.admin.get(`/cycles/${org.prefix}-no-such-cycle`), 404);
    assertProblem(await app.admin.get('/cycles/00000000-0000-4000-8000-000000000000'), 404);
    assertProblem(await (await people.as(other.id('g-mem1'))).get(`/cycles/${cycleId}`), 404);
    assertProblem(await (await people.as(other.id('p-sec'))).post(`/cycles/${cycleId}/cancel`, { reason: 'not mine' }), 404);
  });

  it('refuses a second cycle for the same year and root unit (409)', async () => {
    assertProblem(await app.admin.post('/cycles', { year: 2026, rootUnitId: org.rootId }), 409);
    assert.equal(ok(await app.admin.get(`/cycles?year=2026&limit=500`)).items.filter((c: { rootUnitId: string }) => c.rootUnitId === org.rootId).length, 1);
  });

  it('rejects an invalid cycle with 400 naming every field', async () => {
    const res = await app.admin.post('/cycles', {
      year: 'next',
      rootUnitId: '',
      title: 7,
      calendar: { targetsDueAt: 'tomorrow', colour: 'red' },
      policy: { ruleSet: 'reg-1-1900' },
    });
    assertProblem(res, 400, ['year', 'rootUnitId', 'title', 'calendar.targetsDueAt', 'calendar.colour', 'policy.ruleSet']);
    assertProblem(await app.admin.post('/cycles', { year: 2031, rootUnitId: `${org.prefix}-nowhere` }), 400, ['rootUnitId']);
    assertProblem(await app.admin.post('/cycles', { year: 2031, rootUnitId: org.rootId, superiorReviewerId: `${org.prefix}-nobody` }), 400, ['superiorReviewerId']);
    assertProblem(await app.admin.post('/cycles', {}), 400, ['year', 'rootUnitId']);
  });

  it('refuses a cycle to a non-admin and to an admin of another subtree (403)', async () => {
    assertProblem(await (await people.as(org.id('p-sec'))).post('/cycles', { year: 2030, rootUnitId: org.rootId }), 403);
    assertProblem(await districtAdmin.post('/cycles', { year: 2030, rootUnitId: org.rootId }), 403);
    assertProblem(await auditor.post('/cycles', { year: 2030, rootUnitId: org.rootId }), 403);
    assertProblem(await districtAdmin.post(`/cycles/${cycleId}/cancel`, { reason: 'Not my cycle' }), 403);
    assertProblem(await auditor.post(`/cycles/${cycleId}/cancel`, { reason: 'Not my cycle' }), 403);
  });

  it('replays a create with the same Idempotency-Key (one cycle), and refuses another body with 422', async () => {
    const key = newKey();
    const body = { year: 2027, rootUnitId: org.id('G') };
    const first = ok(await app.admin.post('/cycles', body, { idempotencyKey: key }), 201);
    const replay = await app.admin.post('/cycles', body, { idempotencyKey: key });
    assert.equal(replay.status, 201);
    assert.deepEqual(replay.body, first);
    assertProblem(await app.admin.post('/cycles', { ...body, title: 'Another' }, { idempotencyKey: key }), 422);
    const cycles = ok(await app.admin.get('/cycles?year=2027&limit=500')).items.filter((c: { rootUnitId: string }) => c.rootUnitId === org.id('G'));
    assert.deepEqual(cycles.map((c: { id: string }) => c.id), [first.id]);
    await waitRunning(app.admin, first.id);

    // Cancel: every open review ends cancelled; a replay answers the same; cancelling again is 409.
    const cancelKey = newKey();
    assertProblem(await app.admin.post(`/cycles/${first.id}/cancel`, {}), 400, ['reason']);
    assertProblem(await app.admin.post(`/cycles/${first.id}/cancel`, { reason: '   ' }), 400, ['reason']);
    const cancelled = ok(await app.admin.post(`/cycles/${first.id}/cancel`, { reason: 'Merged units' }, { idempotencyKey: cancelKey }));
    assert.equal(cancelled.id, first.id);
    const again = ok(await app.admin.post(`/cycles/${first.id}/cancel`, { reason: 'Merged units' }, { idempotencyKey: cancelKey }));
    assert.deepEqual(again, cancelled);
    assertProblem(await app.admin.post(`/cycles/${first.id}/cancel`, { reason: 'Other reason' }, { idempotencyKey: cancelKey }), 422);
    await eventually(async () => {
      assert.equal(ok(await app.admin.get(`/cycles/${first.id}`)).status, 'cancelled');
      const reviews = await allReviews(app.admin, first.id);
      assert.ok(reviews.length > 0);
      for (const review of reviews) assert.equal(review.status, 'cancelled');
    });
    assertProblem(await app.admin.post(`/cycles/${first.id}/cancel`, { reason: 'Once more' }), 409);
    assertProblem(await app.admin.post(`/cycles/${org.prefix}-no-such-cycle/cancel`, { reason: 'Gone' }), 404);
    const audit = ok(await app.admin.get(`/audit?cycleId=${first.id}&limit=500`)).items.filter((a: { action: string }) => /cancel/.test(a.action));
    assert.equal(audit.filter((a: { outcome: string; status: number }) => a.status === 200).length, 2, JSON.stringify(audit)); // the request and its replay
  });
});
