import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newKey } from '../support/api-client.js';
import { download, pdfText } from '../support/downloads.js';
import { cycleBody } from '../support/cycle-body.js';
import { TEST_PASSWORD, threeLevelOrg, type OrgFixture } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { eventually, reviewHistory, waitRunning } from '../support/review-driver.js';
import { assignOneTarget, completeWithScore, reviewOf, selfAssess } from '../support/rules-driver.js';
import { uploadSpreadsheet } from '../support/spreadsheet.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// The standing committee's extra review through the HTTP API on the real stack (issue #12, reg 366
// Art. 10–11): g-mem1 is flagged as managed by the province P, whose head p-sec reviews the
// decision of g-sec; g-mem2 is not flagged.

describe('standing committee review', () => {
  let app: TestApp;
  let people: Participants;
  let org: OrgFixture;
  let cycleId: string;
  const person = (local: string) => org.payload.people.find((p) => p.id === org.id(local))!;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    org = threeLevelOrg(uniquePrefix('committee'));
    ok(await app.admin.post('/org/import', org.payload));
  });
  after(() => app?.stop());

  describe('the registry field', () => {
    it('refuses an unknown unit and a unit not above the decider, 400 naming the field', async () => {
      const refused = await app.admin.post('/org/import', {
        people: [
          { ...person('g-mem1'), managedByUnitId: 'no-such-unit' },
          { ...person('g-mem2'), managedByUnitId: org.id('G') },
        ],
      });
      assertProblem(refused, 400, ['people[0].managedByUnitId', 'people[1].managedByUnitId']);
      assert.match(refused.body.errors[1].message, /not above/);
    });

    it('reads the spreadsheet column under its Vietnamese heading and names the cell', async () => {
      const csv = `Mã đảng viên,Họ và tên,Mã đơn vị,Chức vụ,Thuộc diện cấp ủy cấp trên quản lý\r\n${org.id('g-mem2')},Person g-mem2,${org.id('G')},member,${org.id('G')}\r\n`;
      const refused = await uploadSpreadsheet(app.admin, csv, 'text/csv');
      assertProblem(refused, 400, ['Đảng viên!E2']);
      assert.match(refused.body.errors[0].message, /không ở trên/);
    });

    it('accepts a unit above the decider', async () => {
      ok(await app.admin.post('/org/import', { people: [{ ...person('g-mem1'), managedByUnitId: org.rootId }] }));
      const listed = ok(await app.admin.get(`/org/units/${org.id('G')}/people`)).items;
      assert.deepEqual(listed.map((p: { id: string; managedByUnitId: string | null }) => [p.id, p.managedByUnitId]), [
        [org.id('g-mem1'), org.rootId],
        [org.id('g-mem2'), null],
        [org.id('g-sec'), null],
      ]);
      const created = await app.admin.post('/cycles', cycleBody(org.rootId));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      cycleId = created.body.id;
      await waitRunning(app.admin, cycleId);
    });
  });

  describe('the review', () => {
    // While G still collects (its reviews are not all done), a new member is added to it.
    it('a flagged member joining mid-cycle gets the step too', async () => {
      const joining = { id: org.id('g-mem3'), name: 'Person g-mem3', unitId: org.id('G'), position: 'member', managedByUnitId: org.id('D'), username: org.id('g-mem3'), password: TEST_PASSWORD };
      ok(await app.admin.post('/org/import', { people: [joining] }));
      const review = await eventually(() => reviewOf(app.admin, cycleId, org.id('g-mem3')));
      assert.deepEqual(ok(await app.admin.get(`/reviews/${review.id}`)).committee, { unitId: org.id('D'), reviewerId: org.id('d-sec'), status: 'waiting', decision: null });
      await assignOneTarget(people, review);
      ok(await selfAssess(people, review, 'good', { generalScore: 25, achievement: 85 }));
      ok(await (await people.as(org.id('g-sec'))).post(`/reviews/${review.id}/review`, { decision: 'approve', classification: 'good', comment: 'Good' }));
      const confirmed = ok(await (await people.as(org.id('d-sec'))).post(`/reviews/${review.id}/committee-review`, { decision: 'confirm', comment: 'Confirmed' }));
      assert.deepEqual([confirmed.status, confirmed.classification], ['done', 'good']);
    });

    it('a flagged person gets the committee step and the committee head a task; wrong actor 403, wrong step 409, bad body 400', async () => {
      const review = await reviewOf(app.admin, cycleId, org.id('g-mem1'));
      const committeeHead = await people.as(org.id('p-sec'));
      const reviewer = await people.as(org.id('g-sec'));
      const path = `/reviews/${review.id}/committee-review`;
      const confirm = { decision: 'confirm', comment: 'Confirmed by the standing committee' };
      assert.deepEqual(ok(await committeeHead.get(`/reviews/${review.id}`)).committee, { unitId: org.rootId, reviewerId: org.id('p-sec'), status: 'waiting', decision: null });

      // Before the decision: the committee head is 409, anyone else 403 (who before when).
      assertProblem(await committeeHead.post(path, confirm), 409);
      assertProblem(await reviewer.post(path, confirm), 403);

      await assignOneTarget(people, review);
      ok(await selfAssess(people, review, 'good', { generalScore: 25, achievement: 85 })); // 84.5: good at most
      const approved = ok(await reviewer.post(`/reviews/${review.id}/review`, { decision: 'approve', classification: 'good', comment: 'Good year' }));
      assert.equal(approved.step, 'superior_review');
      assert.equal(approved.classification, null);
      assert.equal(approved.committee.status, 'pending');
      const task = ok(await committeeHead.get('/tasks')).items.find((t: { reviewId?: string }) => t.reviewId === review.id);
      assert.equal(task?.kind, 'review');

      assertProblem(await reviewer.post(`/reviews/${review.id}/review`, { decision: 'approve', classification: 'completed', comment: 'Again' }), 409);
      assertProblem(await reviewer.post(path, confirm), 403);
      assertProblem(await committeeHead.post(path, { decision: 'change', comment: 'No class' }), 400, ['classification']);
      assertProblem(await committeeHead.post(path, { decision: 'change', classification: 'excellent', comment: 'Above the band' }), 400, ['classification']);
      assertProblem(await committeeHead.post(path, { decision: 'confirm' }), 400, ['comment']);

      const key = newKey();
      const change = { decision: 'change', classification: 'completed', comment: 'Tasks of the department lagged' };
      const changed = ok(await committeeHead.post(path, change, { idempotencyKey: key }));
      assert.deepEqual([changed.step, changed.classification, changed.committee.status, changed.committee.decision.from], ['remediation_plan', 'completed', 'decided', 'good']);
      assert.deepEqual(ok(await committeeHead.post(path, change, { idempotencyKey: key })), changed, 'the same key answers the same');
      assertProblem(await committeeHead.post(path, change), 409);

      // The plan follows the final classification; the reviewer decides it, as for any review.
      ok(await (await people.as(review.selfActorId)).post(`/reviews/${review.id}/remediation-plan`, { items: [{ action: 'Catch up', dueDate: '2027-06-30' }] }));
      const done = ok(await reviewer.post(`/reviews/${review.id}/remediation-decision`, { decision: 'approve' }));
      assert.equal(done.status, 'done');

      // The printed record names the committee's decision too.
      const record = pdfText((await download(app.admin, `/reviews/${review.id}/record.pdf`)).bytes);
      for (const expected of ['Ban Thường vụ cấp trên xem xét', 'Thay đổi', 'Tasks of the department lagged']) assert.ok(record.includes(expected), `record.pdf lacks '${expected}'`);

      const history = await reviewHistory(app.admin, review.id);
      const decisions = history.filter((e) => ['review.approved', 'review.committee_decided'].includes(e.type)).map((e) => [e.type, e.actorId, e.data.classification]);
      assert.deepEqual(decisions, [
        ['review.approved', org.id('g-sec'), 'good'],
        ['review.committee_decided', org.id('p-sec'), 'completed'],
      ]);
    });

    it('an unflagged person has no committee step', async () => {
      const review = await reviewOf(app.admin, cycleId, org.id('g-mem2'));
      assert.equal(ok(await app.admin.get(`/reviews/${review.id}`)).committee, null);
      await completeWithScore(people, review, 'good', { generalScore: 25, achievement: 85 });
      assert.equal(ok(await app.admin.get(`/reviews/${review.id}`)).status, 'done');
      assertProblem(await (await people.as(org.id('p-sec'))).post(`/reviews/${review.id}/committee-review`, { decision: 'confirm', comment: 'x' }), 404);
    });

    it("the unit's report counts the final classification", async () => {
      const report = await eventually(async () => {
        const res = ok(await (await people.as(org.id('g-sec'))).get(`/cycles/${cycleId}/units/${org.id('G')}/report`));
        if (res.status !== 'ready') throw new Error(`report ${res.status}`);
        return res;
      });
      assert.deepEqual([report.people.good, report.people.completed, report.people.total], [2, 1, 3]);
    });
  });

  it("a new head of the managing unit inherits the committee's open review", async () => {
    const other = threeLevelOrg(uniquePrefix('committee-head'));
    const flagged = other.payload.people.map((p) => (p.id === other.id('g-mem1') ? { ...p, managedByUnitId: other.rootId } : p));
    ok(await app.admin.post('/org/import', { ...other.payload, people: flagged }));
    const created = await app.admin.post('/cycles', cycleBody(other.rootId));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await waitRunning(app.admin, created.body.id);
    const review = await reviewOf(app.admin, created.body.id, other.id('g-mem1'));
    await assignOneTarget(people, review);
    ok(await selfAssess(people, review, 'good', { generalScore: 25, achievement: 85 }));
    ok(await (await people.as(other.id('g-sec'))).post(`/reviews/${review.id}/review`, { decision: 'approve', classification: 'good', comment: 'Good' }));

    // p-mem becomes P's secretary, p-sec a member: the committee's task follows the head.
    const renamed = other.payload.people
      .filter((p) => ['p-sec', 'p-mem'].map(other.id).includes(p.id))
      .map((p) => ({ id: p.id, name: p.name, unitId: p.unitId, position: p.id === other.id('p-mem') ? 'secretary' : 'member' }));
    ok(await app.admin.post('/org/import', { people: renamed }));
    const moved = await eventually(async () => {
      const now = ok(await app.admin.get(`/reviews/${review.id}`));
      assert.equal(now.committee.reviewerId, other.id('p-mem'));
      return now;
    });
    assert.equal(moved.committee.status, 'pending');
    assertProblem(await (await people.as(other.id('p-sec'))).post(`/reviews/${review.id}/committee-review`, { decision: 'confirm', comment: 'Old head' }), 404);
    const confirmed = ok(await (await people.as(other.id('p-mem'))).post(`/reviews/${review.id}/committee-review`, { decision: 'confirm', comment: 'New head' }));
    assert.equal(confirmed.status, 'done');
    const handover = (await reviewHistory(app.admin, review.id)).find((e) => e.type === 'review.reassigned' && e.data.to.committeeReviewerId);
    assert.equal(handover?.actorId, app.config.auth.adminUsername);
  });
});
