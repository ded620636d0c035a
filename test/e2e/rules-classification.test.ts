import { cycleBody } from '../support/cycle-body.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Classification } from '../../libs/domain/classification.js';
import type { ApiResponse } from '../support/api-client.js';
import { buildOrg, type OrgFixture } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { waitRunning } from '../support/review-driver.js';
import { approve, assignOneTarget, completeWithScore, ok, reviewOf, selfAssess } from '../support/rules-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

function refusedBy(res: ApiResponse, path: string, detail: RegExp): void {
  assert.equal(res.status, 400, JSON.stringify(res.body));
  assert.match(res.body.detail, detail);
  assert.ok(res.body.errors.some((e: { path: string }) => e.path === path), `no error on ${path}: ${JSON.stringify(res.body.errors)}`);
}

/** Imports the org with discipline records added to some people, then launches a cycle. */
async function launch(app: TestApp, org: OrgFixture, year: number, discipline: Record<string, object[]> = {}, policy?: object): Promise<string> {
  const people = org.payload.people.map((p) => ({ ...p, ...(discipline[p.id] ? { discipline: discipline[p.id] } : {}) }));
  ok(await app.admin.post('/org/import', { units: org.payload.units, people }), 'import');
  const created = await app.admin.post('/cycles', cycleBody(org.rootId, { year, ...(policy ? { policy } : {}) }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await waitRunning(app.admin, created.body.id);
  return created.body.id;
}

describe('rule sets: bands, conditions and the deciding review through the API', () => {
  let app: TestApp;
  let people: Participants;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
  });
  after(() => app?.stop());

  describe('reg-366-2025', () => {
    let org: OrgFixture;
    let cycleId: string;
    const members = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];

    before(async () => {
      org = buildOrg(uniquePrefix('bands'), {
        id: 'P',
        kind: 'province',
        people: [['p-sec', 'secretary']],
        children: [
          {
            id: 'G',
            kind: 'grassroots',
            people: [['g-sec', 'secretary'], ['g-dep', 'deputy_secretary'], ['d1', 'member'], ['d2', 'member'], ...members.map((m) => [m, 'member'] as [string, 'member'])],
            children: [{ id: 'C', kind: 'cell', people: [['c-sec', 'secretary'], ['c-mem', 'member']] }],
          },
        ],
      });
      cycleId = await launch(app, org, 2026, {
        [org.id('d1')]: [{ year: 2026, level: 'reprimand' }],
        [org.id('d2')]: [{ year: 2026, level: 'warning', selfDetected: true }, { year: 2024, level: 'warning' }],
        [org.id('g-dep')]: [{ year: 2026, level: 'warning' }],
      });
    });

    // generalScore + 0.7 × achievement: each edge, just below and at the band's minimum.
    const edges: Array<{ member: string; generalScore: number; achievement: number; score: number; highest: Classification; above: Classification | null }> = [
      { member: 'm1', generalScore: 19.9, achievement: 100, score: 89.9, highest: 'good', above: 'excellent' },
      { member: 'm2', generalScore: 20, achievement: 100, score: 90, highest: 'excellent', above: null },
      { member: 'm3', generalScore: 13.9, achievement: 80, score: 69.9, highest: 'completed', above: 'good' },
      { member: 'm4', generalScore: 14, achievement: 80, score: 70, highest: 'good', above: 'excellent' },
      { member: 'm5', generalScore: 14.9, achievement: 50, score: 49.9, highest: 'not_completed', above: 'completed' },
      { member: 'm6', generalScore: 15, achievement: 50, score: 50, highest: 'completed', above: 'good' },
    ];
    for (const edge of edges) {
      it(`bounds a score of ${edge.score} at ${edge.highest}, for the proposal and for the approval`, async () => {
        const review = await reviewOf(app.admin, cycleId, org.id(edge.member));
        await assignOneTarget(people, review);
        const score = { generalScore: edge.generalScore, achievement: edge.achievement };
        if (edge.above) {
          refusedBy(await selfAssess(people, review, edge.above, score), 'proposedClassification', new RegExp(`score ${edge.score} allows at most ${edge.highest}`));
        }
        const submitted = await selfAssess(people, review, edge.highest, score);
        ok(submitted, 'self-assessment at the band');
        assert.equal(submitted.body.score, edge.score);
        if (edge.above) {
          refusedBy(await approve(people, review.id, review.reviewerId, edge.above), 'classification', new RegExp(`score ${edge.score} allows at most ${edge.highest}`));
        }
        const approved = await approve(people, review.id, review.reviewerId, edge.highest);
        ok(approved, 'approval at the band');
        assert.equal(approved.body.classification, edge.highest);
      });
    }

    it('makes a person disciplined this year not_completed, unless the violation was self-detected', async () => {
      const d1 = await reviewOf(app.admin, cycleId, org.id('d1'));
      await assignOneTarget(people, d1);
      refusedBy(await selfAssess(people, d1, 'good', { generalScore: 30, achievement: 100 }), 'proposedClassification', /condition discipline: .*reprimand 2026/);
      ok(await selfAssess(people, d1, 'not_completed', { generalScore: 30, achievement: 100 }), 'self-assessment');
      refusedBy(await approve(people, d1.id, d1.reviewerId, 'completed'), 'classification', /condition discipline.*allows at most not_completed/);
      const approved = await approve(people, d1.id, d1.reviewerId, 'not_completed');
      ok(approved, 'approval');
      assert.equal(approved.body.step, 'remediation_plan');

      const d2 = await reviewOf(app.admin, cycleId, org.id('d2'));
      await completeWithScore(people, d2, 'excellent');
    });

    it('keeps a collective from excellent when a leadership member was disciplined that year', async () => {
      const unit = await reviewOf(app.admin, cycleId, org.id('G'), 'unit');
      await assignOneTarget(people, unit);
      ok(await selfAssess(people, unit, 'good', { generalScore: 30, achievement: 100 }), 'self-assessment');
      refusedBy(await approve(people, unit.id, unit.reviewerId, 'excellent'), 'classification', /condition collective_discipline/);
      ok(await approve(people, unit.id, unit.reviewerId, 'good'), 'approval');
    });

    it("has a cell member proposed by the cell's head and decided by the grassroots head, in the same step", async () => {
      const review = await reviewOf(app.admin, cycleId, org.id('c-mem'));
      assert.equal(review.reviewerId, org.id('c-sec'));
      await assignOneTarget(people, review);
      ok(await selfAssess(people, review, 'good', { generalScore: 25, achievement: 90 }), 'self-assessment');
      const proposed = await approve(people, review.id, org.id('c-sec'), 'good');
      ok(proposed, 'proposal');
      assert.equal(proposed.body.step, 'superior_review');
      assert.equal(proposed.body.reviewerId, org.id('g-sec'));
      assert.equal((await approve(people, review.id, org.id('c-sec'), 'good')).status, 403, 'the proposer cannot decide');
      const decided = await approve(people, review.id, org.id('g-sec'), 'good');
      ok(decided, 'decision');
      assert.equal(decided.body.step, 'done');
      const history = await app.admin.get(`/reviews/${review.id}/history`);
      assert.deepEqual(
        history.body.events.map((e: { type: string }) => e.type),
        ['review.launched', 'targets.assigned', 'self_assessment.submitted', 'review.proposed', 'review.approved'],
      );
    });
  });

  describe('previous shortcomings', () => {
    it('refuses excellent while a shortcoming of the previous review was not remedied', async () => {
      const org = buildOrg(uniquePrefix('prev'), {
        id: 'R',
        kind: 'province',
        people: [['r-sec', 'secretary']],
        children: [{ id: 'Q', kind: 'grassroots', people: [['q-sec', 'secretary'], ['q-mem', 'member'], ['q-new', 'member']] }],
      });
      const previous = await launch(app, org, 2025);
      const before = await reviewOf(app.admin, previous, org.id('q-mem'));
      await assignOneTarget(people, before);
      ok(await selfAssess(people, before, 'good', { generalScore: 25, achievement: 90 }), 'self-assessment');
      ok(await approve(people, before.id, before.reviewerId, 'good', ['Late monthly reports']), 'approval with a shortcoming');
      ok(await app.admin.post(`/cycles/${previous}/cancel`, { reason: 'Superseded' }), 'cancel');

      const cycleId = await launch(app, org, 2026);
      const review = await reviewOf(app.admin, cycleId, org.id('q-mem'));
      await assignOneTarget(people, review);
      refusedBy(await selfAssess(people, review, 'excellent', { generalScore: 30, achievement: 100 }), 'proposedClassification', /condition previous_shortcomings: 1 shortcoming/);
      // No previous review at all: nothing to remedy.
      await completeWithScore(people, await reviewOf(app.admin, cycleId, org.id('q-new')), 'excellent');
    });
  });

  describe('reg-124-2023', () => {
    it('takes the classification without a score and applies the discipline condition', async () => {
      const org = buildOrg(uniquePrefix('r124'), {
        id: 'S',
        kind: 'province',
        people: [['s-sec', 'secretary']],
        children: [{ id: 'T', kind: 'grassroots', people: [['t-sec', 'secretary'], ['t-mem', 'member'], ['t-disc', 'member']] }],
      });
      const cycleId = await launch(app, org, 2026, { [org.id('t-disc')]: [{ year: 2026, level: 'dismissal' }] }, { ruleSet: 'reg-124-2023' });
      const review = await reviewOf(app.admin, cycleId, org.id('t-mem'));
      await assignOneTarget(people, review);
      const scored = await selfAssess(people, review, 'excellent', { generalScore: 10, achievement: 10 });
      assert.equal(scored.status, 400);
      assert.deepEqual(scored.body.errors.map((e: { path: string }) => e.path), ['generalScore']);
      ok(await selfAssess(people, review, 'excellent', null), 'self-assessment without a score');
      const approved = await approve(people, review.id, review.reviewerId, 'excellent');
      ok(approved, 'approval');
      assert.equal(approved.body.score, null);

      const disciplined = await reviewOf(app.admin, cycleId, org.id('t-disc'));
      await assignOneTarget(people, disciplined);
      ok(await selfAssess(people, disciplined, 'not_completed', null), 'self-assessment');
      refusedBy(await approve(people, disciplined.id, disciplined.reviewerId, 'good'), 'classification', /condition discipline: .*dismissal 2026/);

      const raise = await app.admin.request<any>('PUT', `/cycles/${cycleId}/units/${org.id('T')}/quota`, { excellentPercent: 25, reason: 'Outstanding' }, {});
      refusedBy(raise, 'excellentPercent', /reg-124-2023 allows no raise/);
    });

    it('stores a stricter cycle quota with the rule set and its version, and refuses a looser one', async () => {
      const org = buildOrg(uniquePrefix('policy'), { id: 'Y', kind: 'province', people: [['y-sec', 'secretary']], children: [{ id: 'Z', kind: 'grassroots', people: [['z-sec', 'secretary']] }] });
      ok(await app.admin.post('/org/import', org.payload), 'import');
      refusedBy(await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2026, policy: { excellentQuotaPercent: 30 } })), 'policy.excellentQuotaPercent', /reg-366-2025 allows excellent at most 20% of good/);
      const created = await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2026, policy: { excellentQuotaPercent: 10 } }));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual((await app.admin.get(`/cycles/${created.body.id}`)).body.policy, { ruleSet: 'reg-366-2025', ruleSetVersion: 2, excellentQuotaPercent: 10 });
      const quota = await app.admin.get(`/cycles/${created.body.id}/units/${org.id('Z')}/quota`);
      assert.equal(quota.body.excellentPercent, 10);
      assert.equal(quota.body.maxRaisedPercent, 25);
    });

    it('refuses an unknown rule set naming policy.ruleSet', async () => {
      const org = buildOrg(uniquePrefix('badrs'), { id: 'X', kind: 'province', people: [['x-sec', 'secretary']] });
      ok(await app.admin.post('/org/import', org.payload), 'import');
      const res = await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2026, policy: { ruleSet: 'reg-999-2030' } }));
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), ['policy.ruleSet']);
    });
  });
});
