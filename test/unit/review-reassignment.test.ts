import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultCalendar } from '../../libs/domain/calendar.js';
import { ConflictError } from '../../libs/domain/errors.js';
import type { ReassignReviewCommand } from '../../libs/domain/review/review-commands.js';
import { cancelReview, decide, launchReview, reassignReview, withdrawReview } from '../../libs/domain/review/review-machine.js';
import type { ReviewState } from '../../libs/domain/review/review-state.js';
import { personPlan } from '../support/subject-plan-fixture.js';

const plan = personPlan({ subjectName: 'Subject', reviewerId: 'old-head' });
const AT = '2026-06-01T08:00:00.000Z';
const LATER = '2026-06-02T08:00:00.000Z';

function launched(): ReviewState {
  return launchReview({ reviewId: 'rv', cycleId: 'cy', workflowId: 'wf', plan, ruleSetId: 'reg-366-2025', calendar: { ...defaultCalendar(2026), selfAssessmentOpensAt: AT }, launchedBy: 'admin' }, AT).state;
}

function inSelfAssessment(): ReviewState {
  return decide(launched(), { kind: 'assign_targets', actorId: 'old-head', targets: [{ title: 'Year plan', weight: 100 }] }, AT).state;
}

const transfer: ReassignReviewCommand = {
  actorId: 'admin-2',
  reason: 'transferred',
  reviewerId: 'new-head',
  selfActorId: 'sub',
  unitId: 'V',
  ownerUnitId: 'V',
  decidingUnitId: 'V',
};

describe('reassigning a review after a registry change', () => {
  it("moves the open reviewer task to the new reviewer and records from, to, reason and the importing admin", () => {
    const before = launched();
    const t = reassignReview(before, transfer, LATER)!;
    assert.equal(t.state.reviewerId, 'new-head');
    assert.equal(t.state.unitId, 'V');
    assert.equal(t.state.ownerUnitId, 'V');
    assert.equal(t.state.task?.kind, 'assign_targets');
    assert.equal(t.state.task?.assigneeId, 'new-head');
    assert.notEqual(t.state.task?.id, before.task?.id, 'a new task, so the old one closes in the inbox');
    assert.equal(t.event.type, 'review.reassigned');
    assert.equal(t.event.actorId, 'admin-2');
    assert.equal(t.event.seq, before.seq + 1);
    assert.deepEqual(t.event.data.from, { reviewerId: 'old-head', selfActorId: 'sub', unitId: 'U', ownerUnitId: 'U', decidingUnitId: 'U' });
    assert.equal((t.event.data.to as { reviewerId: string }).reviewerId, 'new-head');
    assert.equal(t.event.data.reason, 'transferred');
  });

  it('keeps the owning and deciding unit the review has when the new unit refused it (owner: kept)', () => {
    const t = reassignReview(launched(), { ...transfer, owner: 'kept' }, LATER)!;
    assert.equal(t.state.reviewerId, 'new-head', 'the transfer still reaches the reviewer');
    assert.equal(t.state.unitId, 'V');
    assert.deepEqual([t.state.ownerUnitId, t.state.decidingUnitId], ['U', 'U']);
    assert.equal(reassignReview(t.state, { ...transfer, owner: 'kept' }, LATER), null, 'delivered again: nothing to change');
  });

  it('keeps the subject-side task where it is and keeps who did the steps already done', () => {
    const before = inSelfAssessment();
    const t = reassignReview(before, transfer, LATER)!;
    assert.equal(t.state.step, 'self_assessment');
    assert.deepEqual(t.state.task, before.task);
    assert.deepEqual(t.state.targets, before.targets);
    // the new reviewer now does the superior review
    const submitted = decide(
      t.state,
      { kind: 'submit_self_assessment', actorId: 'sub', results: [{ targetIndex: 0, achievement: 90 }], generalScore: 25, proposedClassification: 'good', summary: 's' },
      LATER,
    );
    assert.equal(submitted.state.task?.assigneeId, 'new-head');
    assert.throws(() => decide(submitted.state, { kind: 'submit_review', actorId: 'old-head', decision: 'approve', classification: 'good', comment: 'ok' }, LATER));
  });

  it('moves a unit head’s self-side task to the new head', () => {
    const before = inSelfAssessment();
    const t = reassignReview(before, { ...transfer, reason: 'head_changed', reviewerId: 'old-head', selfActorId: 'new-self', unitId: 'U', ownerUnitId: 'U', decidingUnitId: 'U' }, LATER)!;
    assert.equal(t.state.task?.assigneeId, 'new-self');
    assert.equal(t.state.task?.kind, 'self_assess');
  });

  it('records nothing when the review already matches (a repeated delivery)', () => {
    const once = reassignReview(launched(), transfer, LATER)!;
    assert.equal(reassignReview(once.state, transfer, LATER), null);
  });

  it('refuses a closed review', () => {
    const cancelled = cancelReview(launched(), 'admin', 'cycle cancelled', LATER).state;
    assert.throws(() => reassignReview(cancelled, transfer, LATER), ConflictError);
  });
});

describe('withdrawing a review of a struck-off person', () => {
  it('ends it as withdrawn with no open task, the history entry naming the admin', () => {
    const t = withdrawReview(inSelfAssessment(), { actorId: 'admin-2', reason: 'struck_off' }, LATER);
    assert.equal(t.state.status, 'withdrawn');
    assert.equal(t.state.step, 'self_assessment', 'the step it reached is kept');
    assert.equal(t.state.task, null);
    assert.equal(t.event.type, 'review.withdrawn');
    assert.equal(t.event.actorId, 'admin-2');
    assert.equal(t.event.data.reason, 'struck_off');
    assert.throws(() => withdrawReview(t.state, { actorId: 'admin-2', reason: 'struck_off' }, LATER), ConflictError);
  });
});
