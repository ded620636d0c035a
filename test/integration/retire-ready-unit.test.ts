import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildOrg, type OrgFixture } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { allReviews, completeReview, eventually, launchCycle } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

/**
 * A unit merged after it had collected every review but before its head sent the report
 * (`retire-ready-unit-v1`): the report goes up on retiring, by the importing admin, so the level
 * above is not left waiting for a unit nobody heads, and its closed reviews still count.
 *
 * P (p-sec) → A (a-sec, a-mem), C (c-sec, c-mem). c-mem's review is done, C's report ready;
 * then C is merged into A, its people moving to A by the same import.
 */
describe('a unit merged once its report was ready', () => {
  let app: TestApp;
  let org: OrgFixture;
  let people: Participants;
  let cycleId: string;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    org = buildOrg(uniquePrefix('retire-ready'), {
      id: 'P',
      kind: 'province',
      people: [['p-sec', 'secretary']],
      children: [
        { id: 'A', kind: 'grassroots', people: [['a-sec', 'secretary'], ['a-mem', 'member']] },
        { id: 'C', kind: 'grassroots', people: [['c-sec', 'secretary'], ['c-mem', 'member']] },
      ],
    });
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);
    cycleId = await launchCycle(app.admin, org.rootId);
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

  it('completes the cycle with every review counted once', async () => {
    for (const review of await allReviews(app.admin, cycleId)) {
      if ((await app.admin.get(`/reviews/${review.id}`)).body.status === 'open') await completeReview(people, review, 'good');
    }
    for (const [local, head] of [['A', 'a-sec'], ['P', 'p-sec']] as const) {
      const path = `/cycles/${cycleId}/units/${org.id(local)}/report`;
      const client = await people.as(org.id(head));
      await eventually(async () => assert.equal((await client.get(path)).body.status, 'ready', `report of ${local}`));
      const submitted = await client.post(path, { summary: `Report of ${local}` });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    }
    await eventually(async () => assert.equal((await app.admin.get(`/cycles/${cycleId}`)).body.status, 'completed'));
    assert.equal((await reportOf('P')).people.total, 4, "a-sec and c-sec at P, a-mem through A, c-mem through C's report");
  });
});
