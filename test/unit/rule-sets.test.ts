import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCalendar } from '../../libs/domain/calendar.js';
import type { Classification } from '../../libs/domain/classification.js';
import { RuleViolationError } from '../../libs/domain/errors.js';
import { checkBand, highestForScore, REG_366_BANDS } from '../../libs/domain/rules/bands.js';
import { checkConditions, type SubjectFacts } from '../../libs/domain/rules/conditions.js';
import { fitsQuota, quotaBreaches, quotaGroups } from '../../libs/domain/rules/quota.js';
import { latestRuleSet, ruleSetFor } from '../../libs/domain/rules/rule-sets.js';
import type { RuleSetId } from '../../libs/domain/rules/rule-set.js';
import { decide, launchReview, reclassifyReview } from '../../libs/domain/review/review-machine.js';
import type { ReviewState } from '../../libs/domain/review/review-state.js';
import { personPlan } from '../support/subject-plan-fixture.js';

const AT = '2026-12-01T08:00:00.000Z';
const clean: SubjectFacts = { discipline: [], subordinateDisciplined: false, unremediedShortcomings: null };
const plan = personPlan({ subjectName: 'Subject', unitId: 'C', reviewerId: 'cell-head', ownerUnitId: 'C', decidingUnitId: 'C' });

function atReview(options: { facts?: SubjectFacts; ruleSetId?: RuleSetId; achievement?: number; generalScore?: number; deciderId?: string; proposed?: Classification } = {}): ReviewState {
  const ruleSetId = options.ruleSetId ?? 'reg-366-2025';
  let state = launchReview(
    { reviewId: 'r', cycleId: 'c', workflowId: 'w', plan, ruleSetId, calendar: defaultCalendar(2026), launchedBy: 'admin', facts: options.facts, deciderId: options.deciderId },
    AT,
  ).state;
  state = decide(state, { kind: 'assign_targets', actorId: 'cell-head', targets: [{ title: 'T', weight: 100 }] }, AT).state;
  const scored = ruleSetFor(ruleSetId).scored;
  state = decide(
    state,
    {
      kind: 'submit_self_assessment',
      actorId: 'sub',
      results: [{ targetIndex: 0, achievement: options.achievement ?? 100 }],
      generalScore: scored ? (options.generalScore ?? 30) : null,
      proposedClassification: options.proposed ?? 'completed',
      summary: 's',
    },
    AT,
  ).state;
  return state;
}

function approve(state: ReviewState, classification: Classification, actorId = state.reviewerId) {
  return decide(state, { kind: 'submit_review', actorId, decision: 'approve', classification, comment: 'ok' }, AT);
}

describe('score bands (reg 366)', () => {
  for (const [score, highest] of [
    [90, 'excellent'],
    [89.9, 'good'],
    [70, 'good'],
    [69.9, 'completed'],
    [50, 'completed'],
    [49.9, 'not_completed'],
  ] as const) {
    it(`allows at most ${highest} for a score of ${score}`, () => {
      assert.equal(highestForScore(REG_366_BANDS, score), highest);
    });
  }

  it('names the score and the band in the refusal', () => {
    assert.deepEqual(checkBand(REG_366_BANDS, 74.5, 'excellent', 'classification'), {
      path: 'classification',
      message: 'score band: score 74.5 allows at most good, not excellent',
    });
    assert.equal(checkBand(REG_366_BANDS, 74.5, 'good', 'classification'), null);
  });

  it('refuses a proposal above the band at self-assessment and an approval above it at review', () => {
    // 30 + 0.7 × 85 = 89.5
    assert.throws(() => atReview({ facts: clean, achievement: 85, proposed: 'excellent' }), (e: unknown) => {
      assert.ok(e instanceof RuleViolationError);
      assert.equal(e.errors[0]!.path, 'proposedClassification');
      assert.match(e.message, /score 89\.5 allows at most good/);
      return true;
    });
    const state = atReview({ facts: clean, achievement: 85, proposed: 'good' });
    assert.throws(() => approve(state, 'excellent'), /score 89\.5 allows at most good/);
    assert.equal(approve(state, 'good').state.classification, 'good');
  });

  it('leaves reviews launched without facts (before rule sets) unbounded', () => {
    const state = atReview({ achievement: 0, generalScore: 0, proposed: 'excellent' });
    assert.equal(approve(state, 'excellent').state.classification, 'excellent');
  });
});

describe('conditions', () => {
  const conditions = ruleSetFor('reg-366-2025').conditions;

  it('makes a person disciplined in the year not_completed unless self-detected', () => {
    const facts: SubjectFacts = { ...clean, discipline: [{ year: 2026, level: 'reprimand', selfDetected: false }] };
    assert.equal(checkConditions(conditions, 'person', facts, 'completed', 'classification').length, 1);
    assert.match(checkConditions(conditions, 'person', facts, 'completed', 'classification')[0]!.message, /condition discipline: .*reprimand 2026/);
    assert.deepEqual(checkConditions(conditions, 'person', facts, 'not_completed', 'classification'), []);
    const selfDetected: SubjectFacts = { ...clean, discipline: [{ year: 2026, level: 'warning', selfDetected: true }] };
    assert.deepEqual(checkConditions(conditions, 'person', selfDetected, 'excellent', 'classification'), []);
  });

  it('applies the discipline condition under reg 124 too, without a score', () => {
    const facts: SubjectFacts = { ...clean, discipline: [{ year: 2026, level: 'warning', selfDetected: false }] };
    const state = atReview({ facts, ruleSetId: 'reg-124-2023', proposed: 'not_completed' });
    assert.throws(() => approve(state, 'good'), /condition discipline/);
    assert.equal(approve(state, 'not_completed').state.classification, 'not_completed');
  });

  it('keeps a collective below excellent when a subordinate leader was disciplined', () => {
    const facts: SubjectFacts = { ...clean, subordinateDisciplined: true };
    assert.equal(checkConditions(conditions, 'unit', facts, 'excellent', 'classification').length, 1);
    assert.deepEqual(checkConditions(conditions, 'unit', facts, 'good', 'classification'), []);
  });

  it('applies the collective condition under reg 124 version 2, and not to cycles launched with version 1', () => {
    const facts: SubjectFacts = { ...clean, subordinateDisciplined: true };
    assert.match(checkConditions(latestRuleSet('reg-124-2023').conditions, 'unit', facts, 'excellent', 'classification')[0]!.message, /condition collective_discipline/);
    assert.deepEqual(checkConditions(ruleSetFor('reg-124-2023', 1).conditions, 'unit', facts, 'excellent', 'classification'), []);
  });

  it('requires every shortcoming of the previous review remedied for excellent', () => {
    const facts: SubjectFacts = { ...clean, unremediedShortcomings: ['late reports', 'absences'] };
    assert.match(checkConditions(conditions, 'person', facts, 'excellent', 'classification')[0]!.message, /2 shortcomings of the previous review not remedied/);
    assert.deepEqual(checkConditions(conditions, 'person', facts, 'good', 'classification'), []);
    assert.deepEqual(checkConditions(conditions, 'person', { ...clean, unremediedShortcomings: [] }, 'excellent', 'classification'), []);
  });
});

describe('rule set versions', () => {
  it('launches new cycles with the current version and keeps the earlier one for cycles launched with it', () => {
    assert.equal(latestRuleSet('reg-124-2023').version, 2);
    assert.equal(latestRuleSet('reg-124-2023').decidingReview, 'cell_members');
    assert.equal(ruleSetFor('reg-124-2023', 1).version, 1);
    assert.equal(ruleSetFor('reg-124-2023', 1).decidingReview, 'none');
    assert.equal(ruleSetFor('reg-366-2025', 1), ruleSetFor('reg-366-2025'));
  });

  it('judges a review by the version it was launched with (none stored: version 1)', () => {
    const facts: SubjectFacts = { ...clean, subordinateDisciplined: true };
    const unitReview = (ruleSetVersion?: number): ReviewState => ({ ...atReview({ facts, ruleSetId: 'reg-124-2023', proposed: 'excellent' }), subject: { type: 'unit', id: 'C', name: 'C' }, ruleSetVersion });
    assert.equal(approve(unitReview(), 'excellent').state.classification, 'excellent');
    assert.throws(() => approve(unitReview(2), 'excellent'), /condition collective_discipline/);
  });
});

describe('quota', () => {
  it('fits 2 excellent with 10 good at 20% and not 3', () => {
    assert.equal(fitsQuota(2, 10, 20), true);
    assert.equal(fitsQuota(3, 10, 20), false);
    assert.equal(fitsQuota(0, 0, 20), true);
    assert.equal(fitsQuota(1, 0, 20), false);
    assert.equal(fitsQuota(3, 12, 25), true);
  });

  it('groups by deciding unit and subject type and names the numbers', () => {
    const reviews = [
      ...Array.from({ length: 3 }, () => ({ decidingUnitId: 'G', subjectType: 'person' as const, classification: 'excellent' as const })),
      ...Array.from({ length: 10 }, () => ({ decidingUnitId: 'G', subjectType: 'person' as const, classification: 'good' as const })),
      { decidingUnitId: 'G', subjectType: 'unit' as const, classification: 'good' as const },
    ];
    const breaches = quotaBreaches(quotaGroups(reviews), 20);
    assert.equal(breaches.length, 1);
    assert.match(breaches[0]!.message, /excellent 3 > 20% of good 10/);
  });
});

describe('deciding review', () => {
  it("records the cell head's approval as a proposal and lets the decider finish the step", () => {
    const state = atReview({ facts: clean, deciderId: 'g-head', proposed: 'good' });
    const proposed = approve(state, 'good', 'cell-head');
    assert.equal(proposed.event.type, 'review.proposed');
    assert.equal(proposed.state.step, 'superior_review');
    assert.equal(proposed.state.reviewerId, 'g-head');
    assert.equal(proposed.state.task?.assigneeId, 'g-head');
    assert.throws(() => approve(proposed.state, 'good', 'cell-head'), /Only the reviewer \(g-head\)/);
    const decided = approve(proposed.state, 'good', 'g-head');
    assert.equal(decided.event.type, 'review.approved');
    assert.equal(decided.state.step, 'done');
  });

  it('hands the review back to the proposer when the decider returns it', () => {
    const proposed = approve(atReview({ facts: clean, deciderId: 'g-head', proposed: 'good' }), 'good', 'cell-head').state;
    const returned = decide(proposed, { kind: 'submit_review', actorId: 'g-head', decision: 'return', comment: 'redo' }, AT).state;
    assert.equal(returned.step, 'self_assessment');
    assert.equal(returned.reviewerId, 'cell-head');
    assert.equal(returned.deciding?.proposal, null);
  });
});

describe('reclassification', () => {
  it('only lowers a done review', () => {
    const done = approve(atReview({ facts: clean, proposed: 'excellent' }), 'excellent').state;
    const lowered = reclassifyReview(done, { actorId: 'g-head', classification: 'good', comment: 'quota', requestId: 'k' }, AT);
    assert.equal(lowered.state.classification, 'good');
    assert.equal(lowered.event.type, 'review.reclassified');
    assert.throws(() => reclassifyReview(lowered.state, { actorId: 'g-head', classification: 'excellent', comment: 'x', requestId: 'k2' }, AT), /only lowers/);
  });

  it('reopens a review lowered into completed at remediation_plan, in the run named for the plan', () => {
    const done = approve(atReview({ facts: clean, proposed: 'excellent' }), 'excellent').state;
    const lowered = reclassifyReview(done, { actorId: 'g-head', classification: 'completed', comment: 'quota', requestId: 'k', planWorkflowId: 'w:remediation' }, AT);
    assert.deepEqual([lowered.state.status, lowered.state.step, lowered.state.workflowId], ['open', 'remediation_plan', 'w:remediation']);
    assert.equal(lowered.state.task?.kind, 'submit_remediation');
    assert.equal(lowered.state.task?.assigneeId, done.selfActorId);
    assert.equal(lowered.event.data.remediationRequired, true);
    // Lowered to good: no plan needed, the review stays done.
    assert.equal(reclassifyReview(done, { actorId: 'g-head', classification: 'good', comment: 'quota', requestId: 'k', planWorkflowId: 'w:remediation' }, AT).state.status, 'done');
  });
});
