import { cycleBody } from '../support/cycle-body.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newKey } from '../support/api-client.js';
import { threeLevelOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { allReviews, completeReview, waitRunning, type ReviewSummary } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

describe('GET /reviews/:id/history (events and ?format=temporal)', () => {
  let app: TestApp;
  let people: Participants;
  const org = threeLevelOrg(uniquePrefix('e2e-hist'));
  const other = threeLevelOrg(uniquePrefix('e2e-hist-other'));
  let reviews: ReviewSummary[];
  let review: ReviewSummary;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    const payload = structuredClone(org.payload);
    payload.people.push({ id: org.id('auditor'), name: 'Auditor', unitId: org.id('G'), position: 'member', username: org.id('auditor'), password: TEST_PASSWORD, roles: [{ role: 'auditor', unitId: org.id('D') }] });
    ok(await app.admin.post('/org/import', payload));
    ok(await app.admin.post('/org/import', other.payload));
    const cycleId = ok(await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2026 })), 201).id;
    await waitRunning(app.admin, cycleId);
    reviews = await allReviews(app.admin, cycleId);
    review = reviews.find((r) => r.subject.id === org.id('g-mem1'))!;
    await completeReview(people, review);
  });
  after(() => app?.stop());

  it('lists every action with who, when and what', async () => {
    const history = ok(await app.admin.get(`/reviews/${review.id}/history`));
    assert.equal(history.workflowId, ok(await app.admin.get(`/reviews/${review.id}`)).workflowId);
    assert.deepEqual(history.events.map((e: { type: string }) => e.type), ['review.launched', 'targets.assigned', 'self_assessment.submitted', 'review.approved']);
    assert.deepEqual(history.events.map((e: { seq: number }) => e.seq), [...history.events.map((e: { seq: number }) => e.seq)].sort((a, b) => a - b));
    const [, targets, self, approved] = history.events;
    assert.equal(targets.actorId, org.id('g-sec'));
    assert.equal(self.actorId, org.id('g-mem1'));
    assert.equal(approved.actorId, org.id('g-sec'));
    assert.equal(targets.data.targets[0].title, 'Tasks of the year');
    for (const e of history.events) assert.ok(!Number.isNaN(Date.parse(e.at)));
  });

  it('returns the raw Temporal history with ?format=temporal', async () => {
    const raw = ok(await app.admin.get(`/reviews/${review.id}/history?format=temporal`));
    assert.ok(Array.isArray(raw.events) && raw.events.length > 0);
    assert.equal(raw.events[0].eventType, 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
    const updates = raw.events.filter((e: { eventType: string }) => e.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED');
    assert.equal(updates.length, 3); // targets, self-assessment, approval
    assertProblem(await app.admin.get(`/reviews/${review.id}/history?format=xml`), 400, ['format']);
  });

  it('is open to the subject and to auditors of the scope; 404 to others and for unknown reviews', async () => {
    ok(await (await people.as(org.id('g-mem1'))).get(`/reviews/${review.id}/history`));
    ok(await (await people.as(org.id('auditor'))).get(`/reviews/${review.id}/history?format=temporal`));
    assertProblem(await (await people.as(org.id('g-mem2'))).get(`/reviews/${review.id}/history`), 404);
    assertProblem(await (await people.as(other.id('p-sec'))).get(`/reviews/${review.id}/history?format=temporal`), 404);
    const outsideAuditorScope = reviews.find((r) => r.subject.id === org.id('p-mem'))!;
    assertProblem(await (await people.as(org.id('auditor'))).get(`/reviews/${outsideAuditorScope.id}/history`), 404);
    assertProblem(await app.admin.get(`/reviews/${org.prefix}-none/history`), 404);
    assertProblem(await app.http.get(`/reviews/${review.id}/history`), 401);
  });

  it('records one event for a replayed action', async () => {
    const target = reviews.find((r) => r.subject.id === org.id('g-mem2'))!;
    const reviewer = await people.as(org.id('g-sec'));
    const key = newKey();
    const body = { targets: [{ title: 'Once' }] };
    ok(await reviewer.post(`/reviews/${target.id}/targets`, body, { idempotencyKey: key }));
    ok(await reviewer.post(`/reviews/${target.id}/targets`, body, { idempotencyKey: key }));
    const types = ok(await app.admin.get(`/reviews/${target.id}/history`)).events.map((e: { type: string }) => e.type);
    assert.deepEqual(types, ['review.launched', 'targets.assigned']);
    const raw = ok(await app.admin.get(`/reviews/${target.id}/history?format=temporal`));
    assert.equal(raw.events.filter((e: { eventType: string }) => e.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED').length, 1);
  });
});
