import { cycleBody } from '../support/cycle-body.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newKey } from '../support/api-client.js';
import { buildOrg, threeLevelOrg } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { allReviews, completeReview, eventually, waitRunning, type ReviewSummary } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

describe('reports upward: GET and POST /cycles/:id/units/:unitId/report', () => {
  let app: TestApp;
  let people: Participants;
  // R (r-sec, r-mem) → C (c-sec, c-mem): four reviews (r-mem, c-sec, c-mem and the unit C).
  const org = buildOrg(uniquePrefix('e2e-rep'), {
    id: 'R',
    kind: 'district',
    people: [
      ['r-sec', 'secretary'],
      ['r-mem', 'member'],
    ],
    children: [
      {
        id: 'C',
        kind: 'grassroots',
        people: [
          ['c-sec', 'secretary'],
          ['c-mem', 'member'],
        ],
      },
    ],
  });
  const other = threeLevelOrg(uniquePrefix('e2e-rep-other'));
  let cycleId: string;
  let reviews: ReviewSummary[];
  const reportPath = (unit: string) => `/cycles/${cycleId}/units/${org.id(unit)}/report`;
  const as = (local: string) => people.as(org.id(local));

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    ok(await app.admin.post('/org/import', org.payload));
    ok(await app.admin.post('/org/import', other.payload));
    cycleId = ok(await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2026 })), 201).id;
    await waitRunning(app.admin, cycleId);
    reviews = await allReviews(app.admin, cycleId);
    assert.equal(reviews.length, 4);
  });
  after(() => app?.stop());

  it('shows a collecting report with the fields of the contract', async () => {
    const report = await eventually(async () => ok(await app.admin.get(reportPath('R'))));
    assert.equal(report.unitId, org.id('R'));
    assert.equal(report.status, 'collecting');
    for (const counts of [report.people, report.units]) assert.deepEqual(Object.keys(counts).sort(), ['completed', 'excellent', 'good', 'not_completed', 'total']);
    assert.deepEqual(Object.keys(report.percentages).sort(), ['people', 'units']);
    assert.deepEqual(Object.keys(report.goodOrBetter).sort(), ['people', 'units']);
    assert.deepEqual(report.children, [{ unitId: org.id('C'), status: 'collecting' }]);
    for (const field of ['remediationPlans', 'summary', 'submittedAt', 'submittedBy']) assert.ok(field in report, `${field} missing`);
    ok(await (await as('c-sec')).get(reportPath('C'))); // the unit's head
    ok(await (await as('r-sec')).get(reportPath('C'))); // a head above it
  });

  it('answers 404 for an unknown unit or cycle and for a report the caller may not see', async () => {
    assertProblem(await app.admin.get(`/cycles/${cycleId}/units/${org.prefix}-none/report`), 404);
    assertProblem(await app.admin.get(`/cycles/${org.prefix}-none/units/${org.id('C')}/report`), 404);
    assertProblem(await (await as('c-mem')).get(reportPath('C')), 404);
    assertProblem(await (await as('c-sec')).get(reportPath('R')), 404);
    assertProblem(await (await people.as(other.id('p-sec'))).get(reportPath('C')), 404);
    assertProblem(await (await people.as(other.id('p-sec'))).post(reportPath('C'), { summary: 'Not mine' }), 404);
  });

  it('refuses a submission before the report is ready (409) and without a summary (400)', async () => {
    assertProblem(await (await as('c-sec')).post(reportPath('C'), { summary: 'Too early' }), 409);
    assertProblem(await (await as('c-sec')).post(reportPath('C'), { summary: '  ' }), 400, ['summary']);
    assertProblem(await (await as('c-sec')).post(reportPath('C'), { summary: 3, note: 'x' }), 400, ['summary', 'note']);
  });

  it('rolls the unit up once every review is done; the head submits once; the root’s submission completes the cycle', async () => {
    for (const review of reviews) await completeReview(people, review, 'good');
    const ready = await eventually(async () => {
      const report = ok(await app.admin.get(reportPath('C')));
      assert.equal(report.status, 'ready');
      return report;
    });
    // C decides its members' reviews (c-mem); c-sec and the unit C are decided by R.
    assert.equal(ready.people.total, ready.people.excellent + ready.people.good + ready.people.completed + ready.people.not_completed);
    assert.equal(ready.people.good, ready.people.total);
    assert.ok(ready.people.total >= 1);
    assert.equal(ready.percentages.people.good, 100);

    assertProblem(await (await as('r-sec')).post(reportPath('C'), { summary: 'Not my unit' }), 403);
    assertProblem(await app.admin.post(reportPath('C'), { summary: 'Admin is not the head' }), 403);
    const head = await as('c-sec');
    const key = newKey();
    const submitted = ok(await head.post(reportPath('C'), { summary: 'Our year' }, { idempotencyKey: key }));
    assert.equal(submitted.status, 'submitted');
    assert.equal(submitted.summary, 'Our year');
    assert.equal(submitted.submittedBy, org.id('c-sec'));
    assert.ok(!Number.isNaN(Date.parse(submitted.submittedAt)));
    assert.deepEqual(ok(await head.post(reportPath('C'), { summary: 'Our year' }, { idempotencyKey: key })), submitted);
    assertProblem(await head.post(reportPath('C'), { summary: 'Another year' }, { idempotencyKey: key }), 422);
    assertProblem(await head.post(reportPath('C'), { summary: 'Again' }), 409);

    const root = await eventually(async () => {
      const report = ok(await app.admin.get(reportPath('R')));
      assert.equal(report.status, 'ready');
      return report;
    });
    assert.deepEqual(root.children, [{ unitId: org.id('C'), status: 'submitted' }]);
    assert.equal(root.people.total, 3); // r-mem, c-sec, c-mem
    assert.equal(root.units.total, 1); // the unit C
    assert.deepEqual(root.percentages.people, { excellent: 0, good: 100, completed: 0, not_completed: 0 });
    assert.deepEqual(root.goodOrBetter, { people: { count: 3, percent: 100 }, units: { count: 1, percent: 100 } });
    ok(await (await as('r-sec')).post(reportPath('R'), { summary: 'District report' }));
    await eventually(async () => assert.equal(ok(await app.admin.get(`/cycles/${cycleId}`)).status, 'completed'));
    assertProblem(await (await as('r-sec')).post(reportPath('R'), { summary: 'Once more' }), 409);
  });
});
