import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildOrg } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { launchCycle } from '../support/review-driver.js';
import { assignOneTarget, ok, reviewOf, selfAssess } from '../support/rules-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// Issue #12 item 4: a cell with no secretary and no deputy is headed by the grassroots head, who
// writes the cell's self-assessment; someone else, the next head up, must review and decide it.
describe('a cell with no secretary and no deputy', () => {
  let app: TestApp;
  let people: Participants;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
  });
  after(() => app?.stop());

  it("is reviewed by the next head up, not by the head who writes its self-assessment", async () => {
    const org = buildOrg(uniquePrefix('headless'), {
      id: 'D',
      kind: 'district',
      people: [['d-sec', 'secretary']],
      children: [
        {
          id: 'G',
          kind: 'grassroots',
          people: [['g-sec', 'secretary']],
          children: [{ id: 'C', kind: 'cell', people: [['c-m1', 'member'], ['c-m2', 'member']] }],
        },
      ],
    });
    ok(await app.admin.post('/org/import', org.payload), 'import');
    const cycleId = await launchCycle(app.admin, org.rootId);

    const cell = await reviewOf(app.admin, cycleId, org.id('C'), 'unit');
    assert.equal(cell.selfActorId, org.id('g-sec'), 'the acting head writes the self-assessment');
    assert.equal(cell.reviewerId, org.id('d-sec'), 'the next head up reviews');

    const writer = await people.as(org.id('g-sec'));
    assert.equal((await writer.post(`/reviews/${cell.id}/targets`, { targets: [{ title: 'Own targets', weight: 100 }] })).status, 403, 'no targets of their own');
    await assignOneTarget(people, cell);
    ok(await selfAssess(people, cell, 'good', { generalScore: 25, achievement: 90 }), 'self-assessment');
    const selfApproved = await writer.post(`/reviews/${cell.id}/review`, { decision: 'approve', classification: 'good', comment: 'Mine' });
    assert.equal(selfApproved.status, 403, 'the writer cannot approve their own self-assessment');
    const approved = await (await people.as(org.id('d-sec'))).post(`/reviews/${cell.id}/review`, { decision: 'approve', classification: 'good', comment: 'Agreed' });
    ok(approved, 'approval by the head above');
    assert.equal(approved.body.step, 'done');
  });
});
