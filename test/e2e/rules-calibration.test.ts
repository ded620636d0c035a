import { cycleBody } from '../support/cycle-body.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Classification } from '../../libs/domain/classification.js';
import type { Position } from '../../libs/domain/enums.js';
import { buildOrg, type OrgFixture } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { allReviews, eventually, waitRunning } from '../support/review-driver.js';
import { completeWithScore, ok } from '../support/rules-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

const membersOf = (unit: string, n: number): Array<[string, Position]> => [
  [`${unit}-sec`, 'secretary'],
  ...Array.from({ length: n }, (_, i) => [`${unit}-m${String(i + 1).padStart(2, '0')}`, 'member'] as [string, Position]),
];

describe('quota and calibration through the API', () => {
  let app: TestApp;
  let people: Participants;
  let org: OrgFixture;
  let cycleId: string;

  const report = async (unit: string) => (await app.admin.get(`/cycles/${cycleId}/units/${org.id(unit)}/report`)).body;
  const openTasks = async (assignee: string) =>
    app.product.db.query(`SELECT kind, unit_id FROM tasks WHERE cycle_id = $1 AND assignee_id = $2 AND status = 'open' ORDER BY kind`, [cycleId, org.id(assignee)]);
  const quota = (unit: string, body: object) => app.admin.request<any>('PUT', `/cycles/${cycleId}/units/${org.id(unit)}/quota`, body, {});

  /** Completes the members of a unit: the first `excellent` of them excellent, the rest good. */
  async function completeMembers(unit: string, excellent: number): Promise<string[]> {
    const reviews = (await allReviews(app.admin, cycleId))
      .filter((r) => r.subject.type === 'person' && r.subject.id.startsWith(org.id(`${unit}-m`)))
      .sort((a, b) => (a.subject.id < b.subject.id ? -1 : 1));
    for (const [i, review] of reviews.entries()) {
      const classification: Classification = i < excellent ? 'excellent' : 'good';
      await completeWithScore(people, review, classification, classification === 'excellent' ? { generalScore: 30, achievement: 100 } : { generalScore: 25, achievement: 90 });
    }
    return reviews.slice(0, excellent).map((r) => r.id);
  }

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    org = buildOrg(uniquePrefix('quota'), {
      id: 'P',
      kind: 'province',
      people: [['p-sec', 'secretary']],
      children: [
        { id: 'A', kind: 'grassroots', people: membersOf('a', 12) },
        { id: 'B', kind: 'grassroots', people: membersOf('b', 13) },
        { id: 'C', kind: 'grassroots', people: membersOf('c', 15) },
      ],
    });
    ok(await app.admin.post('/org/import', org.payload), 'import');
    const created = await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2026 }));
    assert.equal(created.status, 201);
    cycleId = created.body.id;
    await waitRunning(app.admin, cycleId);
  });
  after(() => app?.stop());

  it('passes 2 excellent with 10 good: the report is ready at once', async () => {
    await completeMembers('a', 2);
    await eventually(async () => assert.equal((await report('A')).status, 'ready'));
    assert.deepEqual(await openTasks('a-sec'), [{ kind: 'submit_report', unit_id: org.id('A') }]);
  });

  it('refuses a quota raise out of range, or once the unit has closed its reviews', async () => {
    const tooHigh = await quota('C', { excellentPercent: 30, reason: 'Outstanding year' });
    assert.equal(tooHigh.status, 400);
    assert.match(tooHigh.body.detail, /30% is outside 20%–25% under reg-366-2025/);
    assert.equal((await quota('A', { excellentPercent: 25, reason: 'Too late' })).status, 409);
  });

  it('fails 3 excellent with 10 good: calibration_needed, a calibrate task, and a blocked report', async () => {
    const excellent = await completeMembers('b', 3);
    await eventually(async () => assert.equal((await report('B')).status, 'calibration_needed'));
    assert.deepEqual((await report('B')).calibration, { excellentPercent: 20, breaches: [`quota: person subjects decided by ${org.id('B')}: excellent 3 > 20% of good 10`] });
    assert.deepEqual(await openTasks('b-sec'), [{ kind: 'calibrate', unit_id: org.id('B') }]);

    const head = await people.as(org.id('b-sec'));
    const blocked = await head.post(`/cycles/${cycleId}/units/${org.id('B')}/report`, { summary: 'Year report' });
    assert.equal(blocked.status, 409);
    assert.match(blocked.body.detail, /excellent 3 > 20% of good 10/);

    const member = await people.as(org.id('b-m05'));
    assert.equal((await member.post(`/reviews/${excellent[0]}/reclassify`, { classification: 'good', comment: 'Quota' })).status, 404, 'outside their scope');
    const subject = await people.as(org.id('b-m01'));
    assert.equal((await subject.post(`/reviews/${excellent[0]}/reclassify`, { classification: 'good', comment: 'Quota' })).status, 403, 'the subject sees it but may not calibrate');
    const upward = await head.post(`/reviews/${excellent[0]}/reclassify`, { classification: 'excellent', comment: 'Raise' });
    assert.equal(upward.status, 400);
    assert.deepEqual(upward.body.errors.map((e: { path: string }) => e.path), ['classification']);

    const lowered = await head.post(`/reviews/${excellent[0]}/reclassify`, { classification: 'good', comment: 'Calibrated to the quota' }, { idempotencyKey: `calibrate-${cycleId}` });
    ok(lowered, 'reclassify');
    assert.equal(lowered.body.classification, 'good');
    const again = await head.post(`/reviews/${excellent[0]}/reclassify`, { classification: 'good', comment: 'Calibrated to the quota' }, { idempotencyKey: `calibrate-${cycleId}` });
    assert.equal(again.status, 200, 'the same key replays the answer');

    await eventually(async () => assert.equal((await report('B')).status, 'ready'));
    assert.deepEqual(await openTasks('b-sec'), [{ kind: 'submit_report', unit_id: org.id('B') }]);
    assert.deepEqual((await report('B')).people, { excellent: 2, good: 11, completed: 0, not_completed: 0, total: 13 });
    const history = await app.admin.get(`/reviews/${excellent[0]}/history`);
    const reclassified = history.body.events.filter((e: { type: string }) => e.type === 'review.reclassified');
    assert.equal(reclassified.length, 1);
    assert.equal(reclassified[0].actorId, org.id('b-sec'));
    assert.deepEqual([reclassified[0].data.from, reclassified[0].data.classification], ['excellent', 'good']);
    assert.equal((await head.post(`/reviews/${excellent[1]}/reclassify`, { classification: 'good', comment: 'More' })).status, 409, 'no calibration once ready');
  });

  it('lets an administrator of the level above raise one unit to 25%, recorded in the audit trail', async () => {
    const raised = await quota('C', { excellentPercent: 25, reason: 'Outstanding results' });
    assert.equal(raised.status, 200, JSON.stringify(raised.body));
    assert.equal(raised.body.excellentPercent, 25);
    const cHead = await people.as(org.id('c-sec'));
    // The head is no registry reader: the quota is not theirs to see, so not to change either (404, as GET answers).
    assert.equal((await cHead.request('PUT', `/cycles/${cycleId}/units/${org.id('C')}/quota`, { excellentPercent: 25, reason: 'Self-granted' }, {})).status, 404);
    // 3 excellent with 12 good: 300 ≤ 12 × 25, over the default 20% but within the raise.
    await completeMembers('c', 3);
    await eventually(async () => assert.equal((await report('C')).status, 'ready'));
    const audit = await app.admin.get(`/audit?cycleId=${cycleId}&limit=500`);
    assert.ok(audit.body.items.some((e: { action: string; outcome: string; target: string }) => e.action.startsWith('PUT') && e.outcome === 'ok' && e.target.includes(':25%')));
  });
});
