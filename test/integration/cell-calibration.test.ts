import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Classification } from '../../libs/domain/classification.js';
import type { OrgFixture } from '../support/org-fixture.js';
import type { Participants } from '../support/participants.js';
import { eventually } from '../support/review-driver.js';
import { approve, assignOneTarget, completeWithScore, ok, reviewOf, selfAssess } from '../support/rules-driver.js';
import type { TestApp } from '../support/test-app.js';
import { startCycleOn } from '../support/running-cycle.js';

// A cell's members are decided by the grassroots unit above, which checks their quota after the
// cell has reported. Lowering one of them must reach the figures that roll up: the cell's
// submitted report and, built from it, the grassroots report.

describe('calibrating a cell member after the cell reported', () => {
  let app: TestApp;
  let org: OrgFixture;
  let people: Participants;
  let cycleId: string;

  before(async () => {
    ({ app, people, org, cycleId } = await startCycleOn('cell-cal', {
      id: 'G',
      kind: 'grassroots',
      people: [['g-sec', 'secretary']],
      children: [{ id: 'C', kind: 'cell', people: [['c-sec', 'secretary'], ['c-m1', 'member'], ['c-m2', 'member']] }],
    }));
  });
  after(() => app?.stop());

  /** Proposed by the cell's head, decided by the grassroots head. */
  async function decideCellMember(local: string, classification: Classification, score: { generalScore: number; achievement: number }) {
    const review = await reviewOf(app.admin, cycleId, org.id(local));
    await assignOneTarget(people, review);
    ok(await selfAssess(people, review, classification, score), 'self-assessment');
    ok(await approve(people, review.id, org.id('c-sec'), classification), 'proposal');
    ok(await approve(people, review.id, org.id('g-sec'), classification), 'decision');
    return review;
  }

  it('revises the cell’s submitted report and counts the new classification in the grassroots report', async () => {
    const lowered = await decideCellMember('c-m1', 'excellent', { generalScore: 30, achievement: 100 });
    await decideCellMember('c-m2', 'good', { generalScore: 25, achievement: 90 });
    const head = await people.as(org.id('c-sec'));
    const cellReport = `/cycles/${cycleId}/units/${org.id('C')}/report`;
    await eventually(async () => assert.equal((await head.get(cellReport)).body.status, 'ready'));
    ok(await head.post(cellReport, { summary: 'Cell C' }), 'cell report');
    assert.deepEqual((await head.get(cellReport)).body.people, { excellent: 1, good: 1, completed: 0, not_completed: 0, total: 2 });

    await completeWithScore(people, await reviewOf(app.admin, cycleId, org.id('c-sec')), 'good', { generalScore: 25, achievement: 90 });
    await completeWithScore(people, await reviewOf(app.admin, cycleId, org.id('C'), 'unit'), 'good', { generalScore: 25, achievement: 90 });

    // People decided by G: c-m1 excellent, c-m2 and c-sec good: 1 > 20% of 2.
    const decider = await people.as(org.id('g-sec'));
    const grassrootsReport = `/cycles/${cycleId}/units/${org.id('G')}/report`;
    await eventually(async () => assert.equal((await decider.get(grassrootsReport)).body.status, 'calibration_needed'));
    ok(await decider.post(`/reviews/${lowered.id}/reclassify`, { classification: 'good', comment: 'Within the quota' }), 'reclassify');

    await eventually(async () => assert.equal((await decider.get(grassrootsReport)).body.status, 'ready'));
    assert.deepEqual((await head.get(cellReport)).body.people, { excellent: 0, good: 2, completed: 0, not_completed: 0, total: 2 }, 'the cell report follows');
    assert.deepEqual((await decider.get(grassrootsReport)).body.people, { excellent: 0, good: 3, completed: 0, not_completed: 0, total: 3 });
  });
});
