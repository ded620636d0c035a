import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OrgFixture } from '../support/org-fixture.js';
import type { Participants } from '../support/participants.js';
import { allReviews, completeReview, eventually } from '../support/review-driver.js';
import type { TestApp } from '../support/test-app.js';
import { startCycleOn } from '../support/running-cycle.js';

/**
 * Units that retire mid-cycle never lose a review from the counts (`retire-ready-unit-v1`):
 * - a unit merged after it had collected every review but before its head sent the report sends it
 *   on retiring, by the importing admin, so the level above is not left waiting for a unit nobody heads;
 * - a unit split in two by one import (two new units, its people moved to them, itself dissolved)
 *   keeps the reviews the new units could not take yet (they did not exist when the reviews moved)
 *   and reports them, by the admin, once they are done; the new heads review them meanwhile.
 *
 * P (p-sec) → A (a-sec, a-mem), C (c-sec, c-mem), S (s-sec, s-m1, s-m2). c-mem's review is done
 * and C's report ready when C is merged into A; S is then split into S1 (s-sec, s-m1) and S2 (s-m2).
 */
describe('reports of units merged or split mid-cycle', () => {
  let app: TestApp;
  let org: OrgFixture;
  let people: Participants;
  let cycleId: string;

  before(async () => {
    ({ app, people, org, cycleId } = await startCycleOn('retire-ready', {
      id: 'P',
      kind: 'province',
      people: [['p-sec', 'secretary']],
      children: [
        { id: 'A', kind: 'grassroots', people: [['a-sec', 'secretary'], ['a-mem', 'member']] },
        { id: 'C', kind: 'grassroots', people: [['c-sec', 'secretary'], ['c-mem', 'member']] },
        { id: 'S', kind: 'grassroots', people: [['s-sec', 'secretary'], ['s-m1', 'member'], ['s-m2', 'member']] },
      ],
    }));
  });
  after(() => app?.stop());

  const reportOf = async (local: string) => (await app.admin.get(`/cycles/${cycleId}/units/${org.id(local)}/report`)).body;

  it("sends the retiring unit's ready report by the importing admin, counting its closed reviews", async () => {
    const cMember = (await allReviews(app.admin, cycleId)).find((r) => r.subject.id === org.id('c-mem'))!;
    await completeReview(people, cMember, 'good');
    await eventually(async () => assert.equal((await reportOf('C')).status, 'ready'));

    const merged = await app.admin.post('/org/import', {
      units: [{ id: org.id('C'), parentId: org.rootId, name: 'Unit C', kind: 'grassroots', mergedInto: org.id('A') }],
      people: ['c-sec', 'c-mem'].map((p) => ({ id: org.id(p), name: `Person ${p}`, unitId: org.id('A'), position: 'member' })),
    });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));
    const c = await eventually(async () => {
      const report = await reportOf('C');
      assert.equal(report.status, 'submitted');
      return report;
    });
    assert.equal(c.submittedBy, app.config.auth.adminUsername);
    assert.match(c.summary, /sáp nhập/);
    assert.equal(c.people.total, 1, 'c-mem, decided in C before the merge');
  });

  it("keeps a split unit's reviews the new units could not take, reviewed by the new heads", async () => {
    const split = await app.admin.post('/org/import', {
      units: [
        { id: org.id('S'), parentId: org.rootId, name: 'Unit S', kind: 'grassroots', dissolved: true },
        { id: org.id('S1'), parentId: org.rootId, name: 'Unit S1', kind: 'grassroots' },
        { id: org.id('S2'), parentId: org.rootId, name: 'Unit S2', kind: 'grassroots' },
      ],
      people: [
        { id: org.id('s-sec'), name: 'Person s-sec', unitId: org.id('S1'), position: 'secretary' },
        { id: org.id('s-m1'), name: 'Person s-m1', unitId: org.id('S1'), position: 'member' },
        { id: org.id('s-m2'), name: 'Person s-m2', unitId: org.id('S2'), position: 'secretary' },
      ],
    });
    assert.equal(split.status, 200, JSON.stringify(split.body));
    const member = await eventually(async () => {
      const review = (await allReviews(app.admin, cycleId)).find((r) => r.subject.id === org.id('s-m1'))!;
      assert.equal(review.reviewerId, org.id('s-sec'), "S1's head reviews s-m1 now");
      return review;
    });
    const [owner]: Array<{ owner_unit_id: string }> = await app.product.db.query('SELECT owner_unit_id FROM reviews WHERE id = $1', [member.id]);
    assert.equal(owner?.owner_unit_id, org.id('S'), 'S1 did not exist when the review moved: S keeps it');
    await eventually(async () => assert.equal((await reportOf('S1')).status, 'ready'));
  });

  it('completes the cycle with every review counted once', async () => {
    for (const review of await allReviews(app.admin, cycleId)) {
      const now = (await app.admin.get(`/reviews/${review.id}`)).body;
      if (now.status === 'open') await completeReview(people, now, 'good').catch((e) => assert.fail(`${JSON.stringify(now)}: ${e}`));
    }
    const s = await eventually(async () => {
      const report = await reportOf('S');
      assert.equal(report.status, 'submitted');
      return report;
    });
    assert.equal(s.submittedBy, app.config.auth.adminUsername);
    assert.match(s.summary, /giải thể/);
    assert.equal(s.people.total, 1, 's-m1, kept by S');
    for (const [local, head] of [['A', 'a-sec'], ['S1', 's-sec'], ['S2', 's-m2'], ['P', 'p-sec']] as const) {
      const path = `/cycles/${cycleId}/units/${org.id(local)}/report`;
      const client = await people.as(org.id(head));
      await eventually(async () => assert.equal((await client.get(path)).body.status, 'ready', `report of ${local}`));
      const submitted = await client.post(path, { summary: `Report of ${local}` });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    }
    await eventually(async () => assert.equal((await app.admin.get(`/cycles/${cycleId}`)).body.status, 'completed'));
    const p = await reportOf('P');
    const reviewed = (await allReviews(app.admin, cycleId)).filter((r) => r.subject.type === 'person' && r.subject.id !== org.id('p-sec'));
    assert.equal(p.people.total, reviewed.length, 'every member reviewed in the cycle, once');
    assert.equal(p.people.total, 7, "a-sec, c-sec, s-sec and s-m2 at P, a-mem through A, c-mem through C's report, s-m1 through S's");
  });
});
