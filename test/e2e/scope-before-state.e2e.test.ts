import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { threeLevelOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { allReviews, eventually, launchCycle, type ReviewSummary } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// Issue #10: an id outside the caller's scope is 404 on every verb, and who may act is checked
// before what state the thing is in (403 before 409).
describe('scope before verb, actor before state', () => {
  let app: TestApp;
  let people: Participants;
  const org = threeLevelOrg(uniquePrefix('e2e-order'));
  let cycleId: string;
  let memberReview: ReviewSummary;
  const quotaPath = (unit: string) => `/cycles/${cycleId}/units/${org.id(unit)}/quota`;
  const raise = { excellentPercent: 25, reason: 'Outstanding results' };

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    const payload = structuredClone(org.payload);
    payload.people.push(
      { id: org.id('g-admin'), name: 'Commune admin', unitId: org.id('G'), position: 'member', username: org.id('g-admin'), password: TEST_PASSWORD, roles: [{ role: 'admin', unitId: org.id('G') }] },
      { id: org.id('p-aud'), name: 'Province auditor', unitId: org.id('P'), position: 'member', username: org.id('p-aud'), password: TEST_PASSWORD, roles: [{ role: 'auditor', unitId: org.rootId }] },
    );
    ok(await app.admin.post('/org/import', payload));
    cycleId = await launchCycle(app.admin, org.rootId);
    memberReview = (await allReviews(app.admin, cycleId)).find((r) => r.subject.id === org.id('g-mem1'))!;
    assert.ok(memberReview, 'the member has a review');
  });
  after(() => app?.stop());

  it('answers 404 to PUT …/quota for a unit outside the caller’s scope, as GET does', async () => {
    const communeAdmin = await people.as(org.id('g-admin'));
    assertProblem(await communeAdmin.get(quotaPath('D')), 404);
    assertProblem(await communeAdmin.request('PUT', quotaPath('D'), raise, {}), 404);
    const head = await people.as(org.id('d-sec')); // a head is no registry reader: D's quota is not theirs to see
    assertProblem(await head.request('PUT', quotaPath('G'), raise, {}), 404);
  });

  it('answers 403 to PUT …/quota for a unit the caller sees but may not change', async () => {
    const auditor = await people.as(org.id('p-aud'));
    ok(await auditor.get(quotaPath('D')));
    assertProblem(await auditor.request('PUT', quotaPath('D'), raise, {}), 403);
    const communeAdmin = await people.as(org.id('g-admin')); // administers G, not the level above it
    assertProblem(await communeAdmin.request('PUT', quotaPath('G'), raise, {}), 403);
  });

  it('answers 403, not 409, to a reclassify by anyone but the deciding unit’s head, whatever the report’s state', async () => {
    const body = { classification: 'good', comment: 'Not mine to change' };
    const auditor = await people.as(org.id('p-aud'));
    ok(await auditor.get(`/reviews/${memberReview.id}`)); // the auditor sees the review…
    assertProblem(await auditor.post(`/reviews/${memberReview.id}/reclassify`, body), 403); // …but may not act on it
    const subject = await people.as(org.id('g-mem1'));
    assertProblem(await subject.post(`/reviews/${memberReview.id}/reclassify`, body), 403);
    // The head may act, so for them the state decides: the report does not need calibration.
    const head = await people.as(org.id('g-sec'));
    assertProblem(await head.post(`/reviews/${memberReview.id}/reclassify`, body), 409);
  });

  it('answers 403, not 409, to a step on a closed review by anyone but the one who must act', async () => {
    ok(await app.admin.post(`/cycles/${cycleId}/cancel`, { reason: 'Checking the order of refusals' }));
    await eventually(async () => assert.equal(ok(await app.admin.get(`/reviews/${memberReview.id}`)).status, 'cancelled'));
    const targets = { targets: [{ title: 'Too late', weight: 100 }] };
    const auditor = await people.as(org.id('p-aud'));
    assertProblem(await auditor.post(`/reviews/${memberReview.id}/targets`, targets), 403);
    const subject = await people.as(org.id('g-mem1')); // the subject side does not assign targets
    assertProblem(await subject.post(`/reviews/${memberReview.id}/targets`, targets), 403);
    const reviewer = await people.as(org.id('g-sec'));
    assertProblem(await reviewer.post(`/reviews/${memberReview.id}/targets`, targets), 409);
  });
});
