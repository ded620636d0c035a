import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Classification } from '../../libs/domain/classification.js';
import type { TargetCompletion } from '../../libs/domain/rules/timeliness.js';
import type { ApiResponse } from '../support/api-client.js';
import { cycleBody } from '../support/cycle-body.js';
import { buildOrg, type OrgFixture } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import type { ReviewSummary } from '../support/review-driver.js';
import { waitRunning } from '../support/review-driver.js';
import { approve, reviewOf } from '../support/rules-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// Issue #12 through the HTTP API: reg-366-2025 version 2 bounds the classification by the
// timeliness of the tasks and by duty-related discipline in a collective; a cycle launched with
// version 1 keeps version 1's rules.

const YEAR = 2026;

/** Refused with a 400 naming `path` and the rule's words. */
function refused(res: ApiResponse, path: string, detail: RegExp): void {
  assertProblem(res, 400, [path]);
  assert.match(res.body.detail, detail);
}

async function launch(app: TestApp, org: OrgFixture, discipline: Record<string, object[]>, policy?: object): Promise<string> {
  const people = org.payload.people.map((p) => ({ ...p, ...(discipline[p.id] ? { discipline: discipline[p.id] } : {}) }));
  ok(await app.admin.post('/org/import', { units: org.payload.units, people }));
  const created = ok(await app.admin.post('/cycles', cycleBody(org.rootId, { year: YEAR, ...(policy ? { policy } : {}) })), 201);
  await waitRunning(app.admin, created.id);
  return created.id;
}

/** `n` equally weighted targets with a due date. */
async function assignTargets(people: Participants, review: ReviewSummary, n: number): Promise<void> {
  const targets = Array.from({ length: n }, (_, i) => ({ title: `Task ${i + 1}`, dueDate: '2026-09-30' }));
  ok(await (await people.as(review.reviewerId)).post(`/reviews/${review.id}/targets`, { targets }));
}

/** Every target fully achieved (score 100); `completions` gives each target's status, undefined sends none. */
function selfAssess(people: Participants, review: ReviewSummary, completions: Array<TargetCompletion | undefined>, proposed: Classification) {
  const results = completions.map((completion, targetIndex) => ({ targetIndex, achievement: 100, ...(completion ? { completion } : {}) }));
  return people.as(review.selfActorId).then((c) => c.post(`/reviews/${review.id}/self-assessment`, { results, generalScore: 30, proposedClassification: proposed, summary: 'The year' }));
}

/** `late` late and `missed` not completed out of `total`; the on-time ones sent without a status (the default). */
const statuses = (total: number, late: number, missed = 0): Array<TargetCompletion | undefined> =>
  Array.from({ length: total }, (_, i) => (i < late ? 'late' : i < late + missed ? 'not_completed' : undefined));

describe('reg-366-2025 version 2: timeliness of tasks and duty-related discipline, through the API', () => {
  let app: TestApp;
  let people: Participants;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
  });
  after(() => app?.stop());

  describe('timeliness (a new cycle gets version 2 by default)', () => {
    let org: OrgFixture;
    let cycleId: string;
    const rows: Array<{ member: string; total: number; late: number; missed?: number; highest: Classification; above: Classification | null; figures: object; detail: RegExp | null }> = [
      { member: 'm0', total: 5, late: 0, highest: 'excellent', above: null, figures: { onTime: 5, late: 0, notCompleted: 0, latePercent: 0 }, detail: null },
      { member: 'm20', total: 5, late: 1, highest: 'completed', above: 'good', figures: { onTime: 4, late: 1, notCompleted: 0, latePercent: 20 }, detail: /1 of 5 tasks completed late \(20%\); good and excellent need every task on time/ },
      { member: 'm21', total: 19, late: 4, highest: 'not_completed', above: 'completed', figures: { onTime: 15, late: 4, notCompleted: 0, latePercent: 21.05 }, detail: /4 of 19 tasks completed late \(21\.05%\), more than 20%/ },
      { member: 'mx', total: 5, late: 0, missed: 1, highest: 'not_completed', above: 'completed', figures: { onTime: 4, late: 0, notCompleted: 1, latePercent: 0 }, detail: /1 of 5 tasks not completed/ },
    ];

    before(async () => {
      org = buildOrg(uniquePrefix('late'), {
        id: 'P',
        kind: 'province',
        people: [['p-sec', 'secretary']],
        children: [{ id: 'G', kind: 'grassroots', people: [['g-sec', 'secretary'], ['ontime', 'member'], ...rows.map((r) => [r.member, 'member'] as [string, 'member'])] }],
      });
      cycleId = await launch(app, org, {});
    });

    it('records version 2 with the new cycle', async () => {
      assert.deepEqual(ok(await app.admin.get(`/cycles/${cycleId}`)).policy, { ruleSet: 'reg-366-2025', ruleSetVersion: 2 });
    });

    for (const row of rows) {
      it(`allows at most ${row.highest} with ${row.late} late and ${row.missed ?? 0} not completed of ${row.total}, and shows the figures`, async () => {
        const review = await reviewOf(app.admin, cycleId, org.id(row.member));
        await assignTargets(people, review, row.total);
        const completions = statuses(row.total, row.late, row.missed);
        if (row.above) refused(await selfAssess(people, review, completions, row.above), 'proposedClassification', new RegExp(`condition task_timeliness: ${row.detail!.source}`));
        const submitted = ok(await selfAssess(people, review, completions, row.highest));
        assert.equal(submitted.score, 100, 'the score alone would allow excellent');
        assert.deepEqual(submitted.timeliness, { total: row.total, ...row.figures });
        assert.equal(submitted.ruleSetVersion, 2);
        assert.equal(submitted.targets[0].dueDate, '2026-09-30');
        assert.equal(submitted.selfAssessment.results.at(-1).completion, 'on_time', 'a result sent without a status counts as on time');
        if (row.above) refused(await approve(people, review.id, review.reviewerId, row.above), 'classification', row.detail!);
        assert.equal(ok(await approve(people, review.id, review.reviewerId, row.highest)).classification, row.highest);
      });
    }

    it('allows good with every task on time and refuses it with one late', async () => {
      const review = await reviewOf(app.admin, cycleId, org.id('ontime'));
      await assignTargets(people, review, 2);
      refused(await selfAssess(people, review, ['on_time', 'late'], 'good'), 'proposedClassification', /condition task_timeliness: 1 of 2 tasks completed late \(50%\)/);
      ok(await selfAssess(people, review, ['on_time', 'on_time'], 'good'));
      assert.equal(ok(await approve(people, review.id, review.reviewerId, 'good')).classification, 'good');
    });

    it('refuses an unknown completion status naming the field', async () => {
      const review = await reviewOf(app.admin, cycleId, org.id('g-sec'));
      const res = await (await people.as(review.selfActorId)).post(`/reviews/${review.id}/self-assessment`, {
        results: [{ targetIndex: 0, achievement: 100, completion: 'early' }],
        generalScore: 30,
        proposedClassification: 'good',
        summary: 'x',
      });
      assertProblem(res, 400, ['results[0].completion']);
    });
  });

  describe('duty-related discipline of a collective', () => {
    it('makes a collective with a member disciplined for a duty violation not_completed, and not when the violation was not duty-related', async () => {
      const org = buildOrg(uniquePrefix('duty'), {
        id: 'P',
        kind: 'province',
        people: [['p-sec', 'secretary']],
        children: [
          { id: 'A', kind: 'grassroots', people: [['a-sec', 'secretary'], ['a-mem', 'member']] },
          { id: 'B', kind: 'grassroots', people: [['b-sec', 'secretary'], ['b-mem', 'member']] },
        ],
      });
      const cycleId = await launch(app, org, {
        [org.id('a-mem')]: [{ year: YEAR, level: 'reprimand', dutyRelated: true }],
        [org.id('b-mem')]: [{ year: YEAR, level: 'reprimand' }],
      });
      const table: Array<{ unit: string; highest: Classification; above: Classification | null }> = [
        { unit: 'A', highest: 'not_completed', above: 'completed' },
        { unit: 'B', highest: 'excellent', above: null },
      ];
      for (const row of table) {
        const review = await reviewOf(app.admin, cycleId, org.id(row.unit), 'unit');
        await assignTargets(people, review, 1);
        if (row.above) refused(await selfAssess(people, review, [undefined], row.above), 'proposedClassification', /condition duty_discipline: a member of the collective disciplined that year for a violation in the performance of duty/);
        ok(await selfAssess(people, review, [undefined], row.highest));
        assert.equal(ok(await approve(people, review.id, review.reviewerId, row.highest)).classification, row.highest, `unit ${row.unit}`);
      }
    });
  });

  describe('a cycle launched with version 1', () => {
    it('keeps version 1: late tasks and duty-related discipline do not bound the classification', async () => {
      const org = buildOrg(uniquePrefix('v1'), {
        id: 'P',
        kind: 'province',
        people: [['p-sec', 'secretary']],
        children: [{ id: 'A', kind: 'grassroots', people: [['a-sec', 'secretary'], ['a-mem', 'member'], ['a-late', 'member']] }],
      });
      const cycleId = await launch(app, org, { [org.id('a-mem')]: [{ year: YEAR, level: 'reprimand', dutyRelated: true }] }, { ruleSetVersion: 1 });
      assert.deepEqual(ok(await app.admin.get(`/cycles/${cycleId}`)).policy, { ruleSet: 'reg-366-2025', ruleSetVersion: 1 });

      const late = await reviewOf(app.admin, cycleId, org.id('a-late'));
      await assignTargets(people, late, 5);
      const submitted = ok(await selfAssess(people, late, statuses(5, 2, 1), 'excellent'));
      assert.equal(submitted.ruleSetVersion, 1);
      assert.deepEqual(submitted.timeliness, { total: 5, onTime: 2, late: 2, notCompleted: 1, latePercent: 40 }, 'the figures are shown all the same');
      assert.equal(ok(await approve(people, late.id, late.reviewerId, 'excellent')).classification, 'excellent');

      const unit = await reviewOf(app.admin, cycleId, org.id('A'), 'unit');
      await assignTargets(people, unit, 1);
      ok(await selfAssess(people, unit, [undefined], 'excellent'));
      assert.equal(ok(await approve(people, unit.id, unit.reviewerId, 'excellent')).classification, 'excellent');
    });

    it('refuses a version the rule set does not have, naming policy.ruleSetVersion', async () => {
      const org = buildOrg(uniquePrefix('v9'), { id: 'X', kind: 'province', people: [['x-sec', 'secretary']] });
      ok(await app.admin.post('/org/import', org.payload));
      assertProblem(await app.admin.post('/cycles', cycleBody(org.rootId, { year: YEAR, policy: { ruleSetVersion: 9 } })), 400, ['policy.ruleSetVersion']);
    });
  });
});
