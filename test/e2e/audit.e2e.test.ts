import { cycleBody } from '../support/cycle-body.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newKey } from '../support/api-client.js';
import { threeLevelOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { allReviews, waitRunning, type ReviewSummary } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  target: string;
  requestId: string;
  outcome: string;
}

describe('GET /audit: every state-changing request', () => {
  let app: TestApp;
  let people: Participants;
  const org = threeLevelOrg(uniquePrefix('e2e-aud'));
  const other = threeLevelOrg(uniquePrefix('e2e-aud-other'));
  let cycleId: string;
  let otherCycleId: string;
  let reviews: ReviewSummary[];
  let startedAt: string;
  const entries = async (query: string): Promise<AuditEntry[]> => ok(await app.admin.get(`/audit?limit=500&${query}`)).items;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    startedAt = new Date().toISOString();
    const payload = structuredClone(org.payload);
    payload.people.push({ id: org.id('auditor'), name: 'Auditor', unitId: org.id('D'), position: 'member', username: org.id('auditor'), password: TEST_PASSWORD, roles: [{ role: 'auditor', unitId: org.rootId }] });
    ok(await app.admin.post('/org/import', payload));
    ok(await app.admin.post('/org/import', other.payload));
    cycleId = ok(await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2026 })), 201).id;
    otherCycleId = ok(await app.admin.post('/cycles', cycleBody(other.rootId, { year: 2026 })), 201).id;
    await waitRunning(app.admin, cycleId);
    reviews = await allReviews(app.admin, cycleId);
  });
  after(() => app?.stop());

  it('records accepted, refused and replayed requests with who, what and the outcome', async () => {
    const review = reviews.find((r) => r.subject.id === org.id('g-mem1'))!;
    const reviewer = await people.as(org.id('g-sec'));
    const subject = await people.as(org.id('g-mem1'));
    assertProblem(await subject.post(`/reviews/${review.id}/targets`, { targets: [{ title: 'Self-assigned' }] }), 403);
    assertProblem(await reviewer.post(`/reviews/${review.id}/targets`, { targets: [] }), 400);
    const key = newKey();
    ok(await reviewer.post(`/reviews/${review.id}/targets`, { targets: [{ title: 'Year plan' }] }, { idempotencyKey: key }));
    ok(await reviewer.post(`/reviews/${review.id}/targets`, { targets: [{ title: 'Year plan' }] }, { idempotencyKey: key }));

    const onReview = (await entries(`cycleId=${cycleId}`)).filter((e) => e.target === `review:${review.id}`);
    assert.deepEqual(
      onReview.map((e) => [e.actorId, e.action, e.outcome]),
      [
        [org.id('g-mem1'), 'POST /reviews/:id/targets', 'rejected'],
        [org.id('g-sec'), 'POST /reviews/:id/targets', 'rejected'],
        [org.id('g-sec'), 'POST /reviews/:id/targets', 'ok'],
        [org.id('g-sec'), 'POST /reviews/:id/targets', 'replayed'],
      ],
    );
    for (const e of onReview) {
      assert.equal(typeof e.requestId, 'string');
      assert.ok(!Number.isNaN(Date.parse(e.at)));
    }
    assert.equal(new Set(onReview.map((e) => e.requestId)).size, 4);
    const created = (await entries(`cycleId=${cycleId}`)).find((e) => e.action === 'POST /cycles');
    assert.equal(created?.actorId, app.config.auth.adminUsername);
    assert.equal(created?.target, `cycle:${cycleId}`);
  });

  it('filters by cycleId, actorId and time, and pages', async () => {
    const byActor = await entries(`actorId=${org.id('g-mem1')}`);
    assert.ok(byActor.length >= 1);
    assert.ok(byActor.every((e) => e.actorId === org.id('g-mem1')));
    const otherCycle = await entries(`cycleId=${otherCycleId}`);
    assert.deepEqual(otherCycle.map((e) => e.action), ['POST /cycles']);
    assert.deepEqual(await entries(`cycleId=${cycleId}&to=${encodeURIComponent(startedAt)}`), []);
    const since = await entries(`cycleId=${cycleId}&from=${encodeURIComponent(startedAt)}`);
    assert.deepEqual(since, await entries(`cycleId=${cycleId}`));
    const future = new Date(Date.now() + 3600_000).toISOString();
    assert.deepEqual(await entries(`from=${encodeURIComponent(future)}`), []);

    const all = await entries(`cycleId=${cycleId}`);
    const first = ok(await app.admin.get(`/audit?cycleId=${cycleId}&limit=2`));
    assert.deepEqual(first.items.map((e: AuditEntry) => e.seq), all.slice(0, 2).map((e) => e.seq));
    const second = ok(await app.admin.get(`/audit?cycleId=${cycleId}&limit=2&cursor=${first.nextCursor}`));
    assert.deepEqual(second.items.map((e: AuditEntry) => e.seq), all.slice(2, 4).map((e) => e.seq));
  });

  it("filters by outcome and by the unit subtree the entry's target lies in", async () => {
    const review = reviews.find((r) => r.subject.id === org.id('g-mem1'))!;
    const actionsOf = (list: AuditEntry[]) => list.map((e) => [e.target, e.outcome]);
    assert.deepEqual(actionsOf(await entries(`cycleId=${cycleId}&outcome=rejected`)), [[`review:${review.id}`, 'rejected'], [`review:${review.id}`, 'rejected']]);
    assert.deepEqual(actionsOf(await entries(`cycleId=${cycleId}&outcome=replayed`)), [[`review:${review.id}`, 'replayed']]);
    assert.deepEqual(await entries(`cycleId=${cycleId}&outcome=failed`), []);
    // The review's entries belong to G (the subject's unit), so to D and P above it; the launch to the root P.
    const onReview = (await entries(`cycleId=${cycleId}`)).filter((e) => e.target === `review:${review.id}`);
    assert.equal(onReview.length, 4);
    assert.deepEqual(await entries(`unitId=${org.id('G')}`), onReview);
    assert.deepEqual(await entries(`unitId=${org.id('D')}`), onReview);
    assert.deepEqual(await entries(`unitId=${org.rootId}`), await entries(`cycleId=${cycleId}`));
    assert.deepEqual((await entries(`unitId=${other.rootId}`)).map((e) => e.target), [`cycle:${otherCycleId}`]);
    assert.deepEqual(await entries(`unitId=${org.id('G')}&outcome=ok`), onReview.filter((e) => e.outcome === 'ok'));
    assertProblem(await app.admin.get('/audit?outcome=accepted'), 400, ['outcome']);
  });

  it('limits auditors to their scope and refuses anyone else (403)', async () => {
    const auditor = await people.as(org.id('auditor'));
    const seen = ok(await auditor.get('/audit?limit=500')).items as AuditEntry[];
    assert.ok(seen.some((e) => e.target === `cycle:${cycleId}`));
    assert.ok(!seen.some((e) => e.target === `cycle:${otherCycleId}`));
    assert.deepEqual(ok(await auditor.get(`/audit?cycleId=${otherCycleId}`)).items, []);
    assertProblem(await (await people.as(org.id('g-sec'))).get('/audit'), 403);
    assertProblem(await app.http.get('/audit'), 401);
  });

  it('rejects bad query parameters with 400 naming each', async () => {
    assertProblem(await app.admin.get('/audit?limit=501'), 400, ['limit']);
    assertProblem(await app.admin.get('/audit?from=yesterday&to=2026-13-01&limit=abc&cursor=@@'), 400, ['from', 'to', 'limit', 'cursor']);
  });
});
