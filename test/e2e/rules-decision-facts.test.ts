import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cycleBody } from '../support/cycle-body.js';
import { buildOrg, TEST_PASSWORD, type OrgFixture } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { eventually, waitRunning } from '../support/review-driver.js';
import { approve, assignOneTarget, ok, reviewOf, selfAssess } from '../support/rules-driver.js';
import type { ApiResponse } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// Issue #12 item 1: the conditions judge the facts as they stand when a classification is
// proposed or approved, not as they stood at launch; the history names the facts used.

const YEAR = 2026;
const TOP = { generalScore: 30, achievement: 100 };

function refusedBy(res: ApiResponse, detail: RegExp): void {
  assert.equal(res.status, 400, JSON.stringify(res.body));
  assert.match(res.body.detail, detail);
}

/** Re-imports the registry with discipline records on some people (and extra people), as an admin would mid-cycle. */
async function importWith(app: TestApp, org: OrgFixture, discipline: Record<string, object[]>, extraPeople: object[] = []): Promise<void> {
  const people = org.payload.people.map((p) => ({ ...p, ...(discipline[p.id] ? { discipline: discipline[p.id] } : {}) }));
  ok(await app.admin.post('/org/import', { units: org.payload.units, people: [...people, ...extraPeople] }), 'import');
}

async function launch(app: TestApp, org: OrgFixture, year: number): Promise<string> {
  const created = await app.admin.post('/cycles', cycleBody(org.rootId, { year }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await waitRunning(app.admin, created.body.id);
  return created.body.id;
}

async function factsOfEvent(app: TestApp, reviewId: string, type: string): Promise<any> {
  const history = await app.admin.get(`/reviews/${reviewId}/history`);
  const event = history.body.events.filter((e: { type: string }) => e.type === type).at(-1);
  assert.ok(event, `no ${type} in ${JSON.stringify(history.body.events.map((e: { type: string }) => e.type))}`);
  return event.data.facts;
}

describe('conditions judged on the facts at decision time', () => {
  let app: TestApp;
  let people: Participants;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
  });
  after(() => app?.stop());

  describe('discipline recorded after launch', () => {
    let org: OrgFixture;
    let cycleId: string;

    before(async () => {
      org = buildOrg(uniquePrefix('facts'), {
        id: 'P',
        kind: 'province',
        people: [['p-sec', 'secretary']],
        children: [{ id: 'G', kind: 'grassroots', people: [['g-sec', 'secretary'], ['m1', 'member'], ['m2', 'member']] }],
      });
      ok(await app.admin.post('/org/import', org.payload), 'import');
      cycleId = await launch(app, org, YEAR);
    });

    it("refuses good for a member reprimanded in the cycle's year once the record is imported, and names the facts used", async () => {
      const review = await reviewOf(app.admin, cycleId, org.id('m1'));
      await assignOneTarget(people, review);
      ok(await selfAssess(people, review, 'good', { generalScore: 25, achievement: 90 }), 'self-assessment before the record');
      await importWith(app, org, { [org.id('m1')]: [{ year: YEAR, level: 'reprimand' }] });

      refusedBy(await approve(people, review.id, review.reviewerId, 'good'), /condition discipline: .*reprimand 2026/);
      const approved = await approve(people, review.id, review.reviewerId, 'not_completed');
      ok(approved, 'approval within the condition');
      assert.equal(approved.body.step, 'remediation_plan');
      const facts = await factsOfEvent(app, review.id, 'review.approved');
      assert.deepEqual(facts.discipline, [{ year: YEAR, level: 'reprimand', selfDetected: false }]);
    });

    it('binds a member imported mid-cycle with a reprimand of the year', async () => {
      const newcomer = { id: org.id('n1'), name: 'Person n1', unitId: org.id('G'), position: 'member', username: org.id('n1'), password: TEST_PASSWORD, discipline: [{ year: YEAR, level: 'reprimand' }] };
      await importWith(app, org, {}, [newcomer]);
      const review = await eventually(() => reviewOf(app.admin, cycleId, org.id('n1')));
      await assignOneTarget(people, review);
      refusedBy(await selfAssess(people, review, 'good', TOP), /condition discipline: .*reprimand 2026/);
      ok(await selfAssess(people, review, 'not_completed', TOP), 'self-assessment within the condition');
      refusedBy(await approve(people, review.id, review.reviewerId, 'good'), /condition discipline/);
    });

    it('refuses excellent for a collective whose head was reprimanded mid-cycle', async () => {
      const unit = await reviewOf(app.admin, cycleId, org.id('G'), 'unit');
      await assignOneTarget(people, unit);
      ok(await selfAssess(people, unit, 'excellent', TOP), 'self-assessment before the record');
      await importWith(app, org, { [org.id('m1')]: [{ year: YEAR, level: 'reprimand' }], [org.id('g-sec')]: [{ year: YEAR, level: 'reprimand' }] });

      refusedBy(await approve(people, unit.id, unit.reviewerId, 'excellent'), /condition collective_discipline/);
      ok(await approve(people, unit.id, unit.reviewerId, 'good'), 'approval within the condition');
      assert.equal((await factsOfEvent(app, unit.id, 'review.approved')).subordinateDisciplined, true);
    });
  });

  // Issue #10 item 4: a member who joins mid-cycle is bound like everyone launched with the cycle.
  it('holds a cell member imported mid-cycle to the band, the discipline condition and the grassroots decision', async () => {
    const org = buildOrg(uniquePrefix('joined-cell'), {
      id: 'P',
      kind: 'province',
      people: [['p-sec', 'secretary']],
      children: [{ id: 'G', kind: 'grassroots', people: [['g-sec', 'secretary']], children: [{ id: 'C', kind: 'cell', people: [['c-sec', 'secretary'], ['c-mem', 'member']] }] }],
    });
    ok(await app.admin.post('/org/import', org.payload), 'import');
    const cycleId = await launch(app, org, YEAR);
    const newcomer = { id: org.id('n1'), name: 'Person n1', unitId: org.id('C'), position: 'member', username: org.id('n1'), password: TEST_PASSWORD, discipline: [{ year: YEAR, level: 'reprimand' }] };
    await importWith(app, org, {}, [newcomer]);

    const review = await eventually(() => reviewOf(app.admin, cycleId, org.id('n1')));
    assert.equal(review.reviewerId, org.id('c-sec'), 'proposed by the cell’s head');
    await assignOneTarget(people, review);
    refusedBy(await selfAssess(people, review, 'completed', { generalScore: 10, achievement: 10 }), /score 17 allows at most not_completed/);
    refusedBy(await selfAssess(people, review, 'good', TOP), /condition discipline: .*reprimand 2026/);
    ok(await selfAssess(people, review, 'not_completed', TOP), 'self-assessment within the condition');

    const proposed = await approve(people, review.id, org.id('c-sec'), 'not_completed');
    ok(proposed, 'proposal');
    assert.equal(proposed.body.step, 'superior_review', 'the cell only proposes');
    assert.equal(proposed.body.reviewerId, org.id('g-sec'), 'the grassroots head decides');
    const decided = await approve(people, review.id, org.id('g-sec'), 'not_completed');
    ok(decided, 'decision');
    assert.equal(decided.body.step, 'remediation_plan');
  });

  it('allows excellent once last year’s remediation plan was approved after launch', async () => {
    const org = buildOrg(uniquePrefix('remedied'), {
      id: 'R',
      kind: 'province',
      people: [['r-sec', 'secretary']],
      children: [{ id: 'Q', kind: 'grassroots', people: [['q-sec', 'secretary'], ['q-mem', 'member']] }],
    });
    ok(await app.admin.post('/org/import', org.payload), 'import');
    const previous = await launch(app, org, YEAR - 1);
    const last = await reviewOf(app.admin, previous, org.id('q-mem'));
    await assignOneTarget(people, last);
    ok(await selfAssess(people, last, 'good', { generalScore: 25, achievement: 90 }), 'last year: self-assessment');
    ok(await approve(people, last.id, last.reviewerId, 'good', ['Late monthly reports']), 'last year: approval with a shortcoming');

    const cycleId = await launch(app, org, YEAR);
    const review = await reviewOf(app.admin, cycleId, org.id('q-mem'));
    assert.deepEqual((await factsOfEvent(app, review.id, 'review.launched')).unremediedShortcomings, ['Late monthly reports']);
    await assignOneTarget(people, review);
    refusedBy(await selfAssess(people, review, 'excellent', TOP), /condition previous_shortcomings: 1 shortcoming/);

    // Last year's plan is approved after this year's launch: the shortcoming is remedied now.
    ok(await (await people.as(last.selfActorId)).post(`/reviews/${last.id}/remediation-plan`, { items: [{ action: 'Monthly reports on time', dueDate: `${YEAR}-06-30` }] }), 'plan');
    ok(await (await people.as(last.reviewerId)).post(`/reviews/${last.id}/remediation-decision`, { decision: 'approve' }), 'plan approved');

    ok(await selfAssess(people, review, 'excellent', TOP), 'self-assessment after the plan');
    const approved = await approve(people, review.id, review.reviewerId, 'excellent');
    ok(approved, 'excellent approved');
    assert.deepEqual((await factsOfEvent(app, review.id, 'review.approved')).unremediedShortcomings, []);
  });
});
