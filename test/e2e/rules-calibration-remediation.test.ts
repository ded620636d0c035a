import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildOrg } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { eventually, launchCycle } from '../support/review-driver.js';
import { completeWithScore, ok, reviewOf } from '../support/rules-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// Issue #12 item 3: every subject classified completed or not_completed drafts a remediation
// plan, also one lowered into those classes by calibration; the unit's report waits for it.
describe('calibration down to completed', () => {
  let app: TestApp;
  let people: Participants;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
  });
  after(() => app?.stop());

  it('reopens the review at remediation_plan and holds the report until the plan is approved', async () => {
    const org = buildOrg(uniquePrefix('calplan'), {
      id: 'P',
      kind: 'province',
      people: [['p-sec', 'secretary']],
      children: [{ id: 'G', kind: 'grassroots', people: [['g-sec', 'secretary'], ['g-m1', 'member']] }],
    });
    ok(await app.admin.post('/org/import', org.payload), 'import');
    const cycleId = await launchCycle(app.admin, org.rootId);
    const report = async () => (await app.admin.get(`/cycles/${cycleId}/units/${org.id('G')}/report`)).body;

    const review = await reviewOf(app.admin, cycleId, org.id('g-m1'));
    await completeWithScore(people, review, 'excellent'); // 1 excellent, 0 good: over the quota
    await eventually(async () => assert.equal((await report()).status, 'calibration_needed'));

    const head = await people.as(org.id('g-sec'));
    const lowered = await head.post(`/reviews/${review.id}/reclassify`, { classification: 'completed', comment: 'Calibrated to the quota' });
    ok(lowered, 'reclassify');
    assert.equal(lowered.body.classification, 'completed');
    assert.equal(lowered.body.step, 'remediation_plan');
    assert.equal(lowered.body.status, 'open');

    await eventually(async () => assert.equal((await report()).status, 'collecting'));
    const early = await head.post(`/cycles/${cycleId}/units/${org.id('G')}/report`, { summary: 'Too early' });
    assert.equal(early.status, 409, 'the report waits for the plan');

    const subject = await people.as(org.id('g-m1'));
    ok(await subject.post(`/reviews/${review.id}/remediation-plan`, { items: [{ action: 'Share the load', dueDate: '2027-06-30' }] }), 'plan');
    ok(await head.post(`/reviews/${review.id}/remediation-decision`, { decision: 'approve' }), 'plan approved');

    await eventually(async () => assert.equal((await report()).status, 'ready'));
    const ready = await report();
    assert.equal(ready.people.completed, 1);
    assert.equal(ready.remediationPlans, 1);
    const history = await app.admin.get(`/reviews/${review.id}/history`);
    assert.deepEqual(history.body.events.map((e: { type: string }) => e.type).slice(-3), ['review.reclassified', 'remediation.submitted', 'remediation.approved']);
    ok(await head.post(`/cycles/${cycleId}/units/${org.id('G')}/report`, { summary: 'Year report' }), 'report submitted');
  });
});
