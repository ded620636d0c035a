import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCalendar } from '../../libs/domain/calendar.js';
import type { SubjectType, UnitKind } from '../../libs/domain/enums.js';
import { ValidationError } from '../../libs/domain/errors.js';
import {
  cellCriteriaFor,
  checkFourGoodRating,
  FOUR_GOOD_CRITERIA,
  fourGoodResult,
  type CellCriteriaSet,
  type CriterionResult,
  type FourGoodRating,
} from '../../libs/domain/rules/four-good-cells.js';
import { decide, launchReview } from '../../libs/domain/review/review-machine.js';
import type { ReviewState } from '../../libs/domain/review/review-state.js';
import { reviewView } from '../../libs/domain/review/review-view.js';
import { personPlan } from '../support/subject-plan-fixture.js';

const AT = '2026-12-01T08:00:00.000Z';
const ALL: FourGoodRating = { politicalTasks: 'achieved', activityQuality: 'achieved', solidarityDiscipline: 'achieved', cadresAndMembers: 'achieved' };
const ratingWith = (missed: readonly string[]): FourGoodRating =>
  Object.fromEntries(FOUR_GOOD_CRITERIA.map((c) => [c, missed.includes(c) ? 'not_achieved' : 'achieved'])) as FourGoodRating;

describe('four good cells: the overall result', () => {
  // Every one of the 16 combinations: achieved overall only when all four are.
  const table: Array<{ missed: string[]; overall: CriterionResult }> = [];
  for (let mask = 0; mask < 16; mask += 1) {
    const missed = FOUR_GOOD_CRITERIA.filter((_, i) => (mask >> i) & 1);
    table.push({ missed, overall: missed.length === 0 ? 'achieved' : 'not_achieved' });
  }
  for (const row of table) {
    it(`is ${row.overall} with ${row.missed.length === 0 ? 'every criterion achieved' : `${row.missed.join(', ')} not achieved`}`, () => {
      const result = fourGoodResult(ratingWith(row.missed));
      assert.equal(result.overall, row.overall);
      for (const c of FOUR_GOOD_CRITERIA) assert.equal(result[c], row.missed.includes(c) ? 'not_achieved' : 'achieved');
    });
  }

  it('keeps only the four criteria, in their order, whatever else a caller sent', () => {
    const result = fourGoodResult({ ...ALL, overall: 'not_achieved', extra: 1 } as unknown as FourGoodRating);
    assert.deepEqual(Object.keys(result), [...FOUR_GOOD_CRITERIA, 'overall']);
    assert.equal(result.overall, 'achieved', 'computed, never taken from the input');
  });
});

describe('four good cells: which reviews carry the set', () => {
  const table: Array<{ set: CellCriteriaSet | null; type: SubjectType; kind: UnitKind | undefined; carries: boolean; why: string }> = [
    { set: 'four_good', type: 'unit', kind: 'cell', carries: true, why: "a cell's collective review" },
    { set: 'four_good', type: 'person', kind: 'cell', carries: false, why: 'a member of a cell' },
    { set: 'four_good', type: 'unit', kind: 'grassroots', carries: false, why: 'a grassroots collective' },
    { set: 'four_good', type: 'unit', kind: 'other', carries: false, why: 'an other unit' },
    { set: 'four_good', type: 'unit', kind: undefined, carries: false, why: 'a unit the tree does not know' },
    { set: null, type: 'unit', kind: 'cell', carries: false, why: 'a cycle without the set' },
  ];
  for (const row of table) {
    it(`${row.carries ? 'attaches' : 'does not attach'} the set to ${row.why}`, () => {
      assert.equal(cellCriteriaFor(row.set, row.type, row.kind), row.carries ? 'four_good' : undefined);
    });
  }
});

describe('four good cells: the superior review field', () => {
  const table: Array<{ set: CellCriteriaSet | undefined; decision: 'approve' | 'return'; given: boolean; refused: RegExp | null }> = [
    { set: 'four_good', decision: 'approve', given: true, refused: null },
    { set: 'four_good', decision: 'approve', given: false, refused: /required when approving a cell/ },
    { set: 'four_good', decision: 'return', given: false, refused: null },
    { set: 'four_good', decision: 'return', given: true, refused: /only given when the decision is approve/ },
    { set: undefined, decision: 'approve', given: true, refused: /only for the collective review of a cell/ },
    { set: undefined, decision: 'return', given: true, refused: /only for the collective review of a cell/ },
    { set: undefined, decision: 'approve', given: false, refused: null },
  ];
  for (const row of table) {
    it(`${row.refused ? 'refuses' : 'accepts'} ${row.given ? 'a rating' : 'no rating'} with ${row.decision} ${row.set ? 'on a review with the set' : 'on any other review'}`, () => {
      const errors = checkFourGoodRating(row.set, row.decision, row.given ? ALL : undefined);
      if (row.refused === null) return assert.deepEqual(errors, []);
      assert.equal(errors.length, 1);
      assert.equal(errors[0]!.path, 'fourGood');
      assert.match(errors[0]!.message, row.refused);
    });
  }
});

describe('four good cells in the review machine', () => {
  function selfAssessedCell(cellCriteria: CellCriteriaSet | undefined): ReviewState {
    const plan = personPlan({ subjectType: 'unit', subjectId: 'C', subjectName: 'Cell', unitId: 'C', selfActorId: 'c-sec' });
    let state = launchReview(
      { reviewId: 'r', cycleId: 'c', workflowId: 'w', plan, ruleSetId: 'reg-124-2023', ruleSetVersion: 2, calendar: defaultCalendar(2026), launchedBy: 'admin', cellCriteria },
      AT,
    ).state;
    state = decide(state, { kind: 'assign_targets', actorId: 'rev', targets: [{ title: 'T' }] }, AT).state;
    return decide(state, { kind: 'submit_self_assessment', actorId: 'c-sec', results: [{ targetIndex: 0, achievement: 100 }], proposedClassification: 'good', summary: 's' }, AT).state;
  }
  const approve = (state: ReviewState, fourGood?: FourGoodRating) =>
    decide(state, { kind: 'submit_review', actorId: 'rev', decision: 'approve', classification: 'good', comment: 'ok', ...(fourGood ? { fourGood } : {}) }, AT);

  it('records the rating with its computed overall result in the approval and its history entry', () => {
    const state = selfAssessedCell('four_good');
    assert.equal(reviewView(state).cellCriteria, 'four_good');
    const { state: after, event } = approve(state, ratingWith(['cadresAndMembers']));
    assert.deepEqual(after.review!.fourGood, { ...ratingWith(['cadresAndMembers']), overall: 'not_achieved' });
    assert.deepEqual(event.data.fourGood, after.review!.fourGood);
    assert.equal(event.type, 'review.approved');
  });

  it('refuses an approval without the rating, naming fourGood', () => {
    assert.throws(() => approve(selfAssessedCell('four_good')), (e: unknown) => e instanceof ValidationError && e.errors.some((f) => f.path === 'fourGood'));
  });

  it('refuses a rating on a review without the set, and leaves its approval as before', () => {
    const state = selfAssessedCell(undefined);
    assert.equal(reviewView(state).cellCriteria, null);
    assert.throws(() => approve(state, ALL), (e: unknown) => e instanceof ValidationError && e.errors.some((f) => f.path === 'fourGood'));
    assert.equal('fourGood' in approve(state).state.review!, false);
  });
});
