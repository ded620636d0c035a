import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cycleBody } from '../support/cycle-body.js';
import { buildOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { eventually, waitRunning } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// Text PostgreSQL cannot store: U+0000 (22P05) and a lone surrogate (no UTF-8 form). Both must be
// a 400 naming the field before any workflow acts, and must leave the review free to go on.
const BAD = { nul: 'a\u0000b', surrogate: 'a\ud800b' };
const each = Object.entries(BAD);
// A well-formed cursor, but no list's: base64url of ["x"].
const FOREIGN_CURSOR = Buffer.from(JSON.stringify(['x'])).toString('base64url');

describe('text PostgreSQL cannot store is a 400 naming the field, and jams nothing', () => {
  let app: TestApp;
  let people: Participants;
  // R (r-sec, r-mem): one subject, r-mem, reviewed by r-sec; R's report completes the cycle.
  const org = buildOrg(uniquePrefix('e2e-text'), { id: 'R', kind: 'grassroots', people: [['r-sec', 'secretary'], ['r-mem', 'member']] });
  const spare = buildOrg(uniquePrefix('e2e-text-c'), { id: 'S', kind: 'grassroots', people: [['s-sec', 'secretary'], ['s-mem', 'member']] });
  let cycleId: string;
  let reviewId: string;
  const as = (local: string) => people.as(org.id(local));
  const reviewPath = (action: string) => `/reviews/${reviewId}/${action}`;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    ok(await app.admin.post('/org/import', org.payload));
    ok(await app.admin.post('/org/import', spare.payload));
    cycleId = ok(await app.admin.post('/cycles', cycleBody(org.rootId)), 201).id;
    await waitRunning(app.admin, cycleId);
    reviewId = ok(await app.admin.get(`/cycles/${cycleId}/reviews`)).items[0].id;
  });
  after(() => app?.stop());

  /** Every bad body is a 400 naming `paths`; the review has not moved. */
  async function refused(actor: string, action: string, bodies: Array<[object, string[]]>) {
    const client = await as(actor);
    const before = ok(await app.admin.get(`/reviews/${reviewId}`));
    for (const [body, paths] of bodies) assertProblem(await client.post(reviewPath(action), body), 400, paths);
    assert.deepEqual(ok(await app.admin.get(`/reviews/${reviewId}`)), before);
  }

  it('refuses it at every review step, and the review then takes the correct action', async () => {
    for (const [, bad] of each) {
      await refused('r-sec', 'targets', [
        [{ targets: [{ title: bad, weight: 100 }] }, ['targets[0].title']],
        [{ targets: [{ title: 'Fine', weight: 50 }, { title: 'Fine', description: bad, weight: 50 }] }, ['targets[1].description']],
      ]);
    }
    assert.equal(ok(await (await as('r-sec')).post(reviewPath('targets'), { targets: [{ title: 'Year plan', weight: 100 }] })).step, 'self_assessment');

    const assessment = { results: [{ targetIndex: 0, achievement: 90 }], generalScore: 26, proposedClassification: 'good', summary: 'Done as planned' };
    for (const [, bad] of each) {
      await refused('r-mem', 'self-assessment', [
        [{ ...assessment, summary: bad }, ['summary']],
        [{ ...assessment, results: [{ targetIndex: 0, achievement: 90, comment: bad }] }, ['results[0].comment']],
      ]);
    }
    assert.equal(ok(await (await as('r-mem')).post(reviewPath('self-assessment'), assessment)).step, 'superior_review');

    const approval = { decision: 'approve', classification: 'good', comment: 'Agreed', shortcomings: ['Late minutes'] };
    for (const [, bad] of each) {
      await refused('r-sec', 'review', [
        [{ ...approval, comment: bad }, ['comment']],
        [{ ...approval, shortcomings: ['Fine', bad] }, ['shortcomings[1]']],
      ]);
    }
    assert.equal(ok(await (await as('r-sec')).post(reviewPath('review'), approval)).step, 'remediation_plan');

    for (const [, bad] of each) await refused('r-mem', 'remediation-plan', [[{ items: [{ action: bad, dueDate: '2027-06-30' }] }, ['items[0].action']]]);
    ok(await (await as('r-mem')).post(reviewPath('remediation-plan'), { items: [{ action: 'Keep minutes on time', dueDate: '2027-06-30' }] }));

    for (const [, bad] of each) await refused('r-sec', 'remediation-decision', [[{ decision: 'approve', comment: bad }, ['comment']]]);
    for (const [, bad] of each) await refused('r-sec', 'reclassify', [[{ classification: 'completed', comment: bad }, ['comment']]]);
    assert.equal(ok(await (await as('r-sec')).post(reviewPath('remediation-decision'), { decision: 'approve', comment: 'Good plan' })).step, 'done');
  });

  it('refuses it in a report summary, and the report is then submitted', async () => {
    const reportPath = `/cycles/${cycleId}/units/${org.rootId}/report`;
    await eventually(async () => assert.equal(ok(await app.admin.get(reportPath)).status, 'ready'));
    const head = await as('r-sec');
    for (const [, bad] of each) assertProblem(await head.post(reportPath, { summary: bad }), 400, ['summary']);
    assert.equal(ok(await app.admin.get(reportPath)).status, 'ready');
    assert.equal(ok(await head.post(reportPath, { summary: 'Our year' })).status, 'submitted');
    await eventually(async () => assert.equal(ok(await app.admin.get(`/cycles/${cycleId}`)).status, 'completed'));
  });

  it('refuses it in a cycle title, a quota reason and a cancel reason; the cycle is then cancelled', async () => {
    for (const [, bad] of each) assertProblem(await app.admin.post('/cycles', cycleBody(spare.rootId, { title: bad })), 400, ['title']);
    const spareCycle = ok(await app.admin.post('/cycles', cycleBody(spare.rootId)), 201).id;
    await waitRunning(app.admin, spareCycle);
    for (const [, bad] of each) {
      assertProblem(await app.admin.request('PUT', `/cycles/${spareCycle}/units/${spare.rootId}/quota`, { excellentPercent: 25, reason: bad }, {}), 400, ['reason']);
      assertProblem(await app.admin.post(`/cycles/${spareCycle}/cancel`, { reason: bad }), 400, ['reason']);
    }
    assert.equal(ok(await app.admin.get(`/cycles/${spareCycle}`)).status, 'running');
    ok(await app.admin.post(`/cycles/${spareCycle}/cancel`, { reason: 'Registry was wrong' }));
    assert.equal(ok(await app.admin.get(`/cycles/${spareCycle}`)).status, 'cancelled');
  });

  it('refuses it in an import (ids, names) and a login username; both then work', async () => {
    for (const [, bad] of each) {
      const unit = { id: `${org.prefix}-N`, parentId: org.rootId, name: bad, kind: 'cell' };
      const person = { id: `${org.prefix}-${bad}`, name: 'New', unitId: org.rootId, position: 'member' };
      assertProblem(await app.admin.post('/org/import', { units: [unit], people: [person] }), 400, ['units[0].name', 'people[0].id']);
      assertProblem(await app.http.post('/auth/token', { username: bad, password: TEST_PASSWORD }, { token: null }), 400, ['username']);
    }
    ok(await app.admin.post('/org/import', org.payload));
    ok(await app.http.post('/auth/token', { username: org.id('r-mem'), password: TEST_PASSWORD }, { token: null }));
  });

  it('refuses it in path ids and query parameters, naming the parameter', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    assertProblem(await app.admin.get('/reviews/%00'), 400, ['id']);
    assertProblem(await app.admin.post('/reviews/a%00/targets', { targets: [{ title: 'x' }] }), 400, ['id']);
    assertProblem(await app.admin.get(`/cycles/${cycleId}/units/%00/report`), 400, ['unitId']);
    assertProblem(await app.admin.get('/org/units/%00'), 400, ['id']);
    assertProblem(await app.admin.get('/audit?actorId=%00'), 400, ['actorId']);
    assertProblem(await app.admin.get('/tasks?cycleId=%00'), 400, ['cycleId']);
    assertProblem(await app.admin.get(`/cycles/${cycleId}/reviews?unitId=%00`), 400, ['unitId']);
    // A lone surrogate cannot be percent-encoded as UTF-8: an undecodable path is a 400 too, not a 5xx.
    assert.equal((await app.admin.get('/reviews/%ED%A0%80')).status, 400);
    ok(await app.admin.get(`/reviews/${reviewId}`));
    // The refused POST is still in the audit trail, under its encoded path.
    const audit = ok(await app.admin.get(`/audit?limit=500&from=${since}`)).items;
    assert.ok(audit.some((e: { target: string; outcome: string }) => e.target === '/reviews/a%00/targets' && e.outcome === 'rejected'), JSON.stringify(audit.slice(-3)));
  });

  it('refuses a well-formed cursor made for another list (400 naming cursor)', async () => {
    for (const list of ['/cycles', '/tasks', '/audit']) assertProblem(await app.admin.get(`${list}?cursor=${FOREIGN_CURSOR}`), 400, ['cursor']);
    const nul = Buffer.from(JSON.stringify(['\u0000'])).toString('base64url');
    assertProblem(await app.admin.get(`/cycles/${cycleId}/reviews?cursor=${nul}`), 400, ['cursor']);
    // The cursors the lists hand out still page.
    for (const list of ['/cycles', '/tasks', '/audit']) {
      const first = ok(await app.admin.get(`${list}?limit=1`));
      if (first.nextCursor) ok(await app.admin.get(`${list}?limit=1&cursor=${first.nextCursor}`));
    }
  });
});
