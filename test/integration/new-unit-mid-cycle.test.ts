import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_PASSWORD, type OrgFixture } from '../support/org-fixture.js';
import type { Participants } from '../support/participants.js';
import { allReviews, completeReview, eventually } from '../support/review-driver.js';
import type { TestApp } from '../support/test-app.js';
import { startCycleOn } from '../support/running-cycle.js';

// A unit created while a cycle runs (DOMAIN.md: units are created mid-year) joins the cycle: the
// unit above starts its workflow, its members are reviewed, and its report rolls up.

describe('a unit created while a cycle runs', () => {
  let app: TestApp;
  let org: OrgFixture;
  let people: Participants;
  let cycleId: string;

  before(async () => {
    ({ app, people, org, cycleId } = await startCycleOn('new-unit', {
      id: 'D',
      kind: 'district',
      people: [['d-sec', 'secretary']],
      children: [{ id: 'G', kind: 'grassroots', people: [['g-sec', 'secretary'], ['g-mem', 'member']] }],
    }));
  });
  after(() => app?.stop());

  it('gets reviews for the unit, its head and its members, with the reviewers the rules name', async () => {
    const person = (local: string, position: string) => ({ id: org.id(local), name: `Person ${local}`, unitId: org.id('H'), position, username: org.id(local), password: TEST_PASSWORD });
    const imported = await app.admin.post('/org/import', {
      units: [{ id: org.id('H'), parentId: org.id('D'), name: 'Unit H', kind: 'grassroots' }],
      people: [person('h-sec', 'secretary'), person('h-mem', 'member')],
    });
    assert.equal(imported.status, 200, JSON.stringify(imported.body));

    const reviews = await eventually(async () => {
      const all = await allReviews(app.admin, cycleId);
      const bySubject = new Map(all.map((r) => [r.subject.id, r]));
      for (const id of ['H', 'h-sec', 'h-mem']) assert.ok(bySubject.has(org.id(id)), `no review for ${id} yet`);
      return bySubject;
    });
    assert.equal(reviews.get(org.id('H'))!.reviewerId, org.id('d-sec'));
    assert.equal(reviews.get(org.id('h-sec'))!.reviewerId, org.id('d-sec'));
    assert.equal(reviews.get(org.id('h-mem'))!.reviewerId, org.id('h-sec'));
    const launched = (await app.admin.get(`/reviews/${reviews.get(org.id('h-mem'))!.id}/history`)).body.events[0];
    assert.equal(launched.type, 'review.launched');
    const progress = (await app.admin.get(`/cycles/${cycleId}`)).body.progress;
    assert.deepEqual([progress.subjects, progress.launched], [6, 6], 'G, g-sec, g-mem and now H, h-sec, h-mem');
  });

  it('rolls its report up into the unit above, and the cycle completes with its people counted', async () => {
    for (const review of await allReviews(app.admin, cycleId)) await completeReview(people, review, 'good');
    for (const [unit, head] of [['G', 'g-sec'], ['H', 'h-sec'], ['D', 'd-sec']] as const) {
      const path = `/cycles/${cycleId}/units/${org.id(unit)}/report`;
      const client = await people.as(org.id(head));
      await eventually(async () => assert.equal((await client.get(path)).body.status, 'ready', `report of ${unit}`));
      assert.equal((await client.post(path, { summary: `Report of ${unit}` })).status, 200);
    }
    await eventually(async () => assert.equal((await app.admin.get(`/cycles/${cycleId}`)).body.status, 'completed'));
    const root = (await app.admin.get(`/cycles/${cycleId}/units/${org.id('D')}/report`)).body;
    assert.equal(root.people.total, 4, 'g-sec, g-mem, h-sec, h-mem');
    assert.equal(root.units.total, 2, 'G and H');
  });
});
