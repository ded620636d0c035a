import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCalendar } from '../../libs/domain/calendar.js';
import type { Classification } from '../../libs/domain/classification.js';
import { RuleViolationError } from '../../libs/domain/errors.js';
import { checkConditions, type SubjectFacts } from '../../libs/domain/rules/conditions.js';
import { latestRuleSet, ruleSetFor } from '../../libs/domain/rules/rule-sets.js';
import { timelinessLimit, timelinessOf, type TargetCompletion } from '../../libs/domain/rules/timeliness.js';
import { decide, launchReview } from '../../libs/domain/review/review-machine.js';
import { reviewView } from '../../libs/domain/review/review-view.js';
import type { ReviewState } from '../../libs/domain/review/review-state.js';
import { personPlan } from '../support/subject-plan-fixture.js';

const AT = '2026-12-01T08:00:00.000Z';
const clean: SubjectFacts = { discipline: [], subordinateDisciplined: false, unremediedShortcomings: null };
const V1 = ruleSetFor('reg-366-2025', 1).conditions;
const V2 = ruleSetFor('reg-366-2025', 2).conditions;

/** `late` of `total` late, `missed` not completed, the rest on time. */
function results(total: number, late: number, missed = 0): Array<{ completion: TargetCompletion }> {
  return Array.from({ length: total }, (_, i) => ({ completion: i < late ? 'late' : i < late + missed ? 'not_completed' : 'on_time' }));
}

const highest = (conditions: typeof V2, total: number, late: number, missed = 0): Classification =>
  timelinessLimit(conditions, timelinessOf(results(total, late, missed)))?.highest ?? 'excellent';

describe('rule set versions', () => {
  it('gives new cycles reg-366-2025 version 2 and keeps version 1 for what recorded none', () => {
    assert.equal(latestRuleSet('reg-366-2025').version, 2);
    assert.equal(ruleSetFor('reg-366-2025').version, 1);
    assert.ok(V2.includes('task_timeliness') && V2.includes('duty_discipline'));
    assert.ok(!V1.includes('task_timeliness') && !V1.includes('duty_discipline'));
    assert.equal(latestRuleSet('reg-124-2023').version, 2);
  });
});

describe('task timeliness (reg-366-2025 v2)', () => {
  const table: Array<{ total: number; late: number; missed?: number; highest: Classification; why: string }> = [
    { total: 5, late: 0, highest: 'excellent', why: 'every task on time' },
    { total: 5, late: 1, highest: 'completed', why: '20% late: completed at most, good needs every task on time' },
    { total: 10, late: 2, highest: 'completed', why: 'exactly 20% late' },
    { total: 100, late: 21, highest: 'not_completed', why: '21% late' },
    { total: 4, late: 1, highest: 'not_completed', why: '25% late' },
    { total: 5, late: 0, missed: 1, highest: 'not_completed', why: 'a task not completed' },
  ];
  for (const row of table) {
    it(`allows at most ${row.highest} with ${row.late}/${row.total} late, ${row.missed ?? 0} missed (${row.why})`, () => {
      assert.equal(highest(V2, row.total, row.late, row.missed), row.highest);
      assert.equal(highest(V1, row.total, row.late, row.missed), 'excellent', 'version 1 has no timeliness condition');
    });
  }

  it('counts a result without a completion status as on time', () => {
    assert.deepEqual(timelinessOf([{}, { completion: null }, { completion: 'late' }]), { total: 3, onTime: 2, late: 1, notCompleted: 0, latePercent: 33.33 });
  });

  it('states the figures in the reason', () => {
    assert.match(timelinessLimit(V2, timelinessOf(results(5, 1)))!.reason, /1 of 5 tasks completed late \(20%\); good and excellent need every task on time/);
    assert.match(timelinessLimit(V2, timelinessOf(results(100, 21)))!.reason, /21 of 100 tasks completed late \(21%\), more than 20%/);
  });
});

describe('duty-related discipline (reg-366-2025 v2)', () => {
  it('makes a collective with a member disciplined for a duty violation not_completed', () => {
    const facts: SubjectFacts = { ...clean, dutyDisciplinedMembers: 1 };
    const [error] = checkConditions(V2, 'unit', facts, 'completed', 'classification');
    assert.match(error!.message, /condition duty_discipline: a member of the collective disciplined that year for a violation in the performance of duty; allows at most not_completed/);
    assert.deepEqual(checkConditions(V2, 'unit', facts, 'not_completed', 'classification'), []);
    assert.deepEqual(checkConditions(V2, 'unit', { ...clean, dutyDisciplinedMembers: 0 }, 'excellent', 'classification'), []);
    assert.deepEqual(checkConditions(V1, 'unit', facts, 'excellent', 'classification'), [], 'version 1 has no duty condition');
  });
});

describe('the review machine under each version', () => {
  function selfAssessed(version: number | undefined, completions: TargetCompletion[], proposed: Classification): ReviewState {
    let state = launchReview(
      { reviewId: 'r', cycleId: 'c', workflowId: 'w', plan: personPlan(), ruleSetId: 'reg-366-2025', ruleSetVersion: version, calendar: defaultCalendar(2026), launchedBy: 'admin', facts: clean },
      AT,
    ).state;
    state = decide(state, { kind: 'assign_targets', actorId: 'rev', targets: completions.map((_, i) => ({ title: `T${i}`, dueDate: '2026-06-30' })) }, AT).state;
    const results = completions.map((completion, targetIndex) => ({ targetIndex, achievement: 100, completion }));
    return decide(state, { kind: 'submit_self_assessment', actorId: 'sub', results, generalScore: 30, proposedClassification: proposed, summary: 's' }, AT).state;
  }
  const approve = (state: ReviewState, classification: Classification) =>
    decide(state, { kind: 'submit_review', actorId: 'rev', decision: 'approve', classification, comment: 'ok' }, AT);

  it('refuses good with one late task under version 2, at the proposal and at the approval', () => {
    const completions: TargetCompletion[] = ['late', 'on_time', 'on_time', 'on_time', 'on_time'];
    assert.throws(() => selfAssessed(2, completions, 'good'), (e: unknown) => {
      assert.ok(e instanceof RuleViolationError);
      assert.equal(e.errors[0]!.path, 'proposedClassification');
      assert.match(e.message, /condition task_timeliness: 1 of 5 tasks completed late \(20%\)/);
      return true;
    });
    const state = selfAssessed(2, completions, 'completed');
    assert.throws(() => approve(state, 'good'), /task_timeliness/);
    assert.equal(approve(state, 'completed').state.classification, 'completed');
    assert.deepEqual(reviewView(state).timeliness, { total: 5, onTime: 4, late: 1, notCompleted: 0, latePercent: 20 });
    assert.equal(reviewView(state).ruleSetVersion, 2);
    assert.equal(reviewView(state).targets![0]!.dueDate, '2026-06-30');
  });

  it('keeps a review launched without a version (version 1) free of the timeliness condition', () => {
    const state = selfAssessed(undefined, ['late', 'not_completed'], 'excellent');
    assert.equal(approve(state, 'excellent').state.classification, 'excellent');
    assert.equal(reviewView(state).ruleSetVersion, 1);
  });
});
