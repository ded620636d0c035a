import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCalendar } from '../../libs/domain/calendar.js';
import { ConflictError, ErrorCode, ForbiddenError, RuleViolationError, ValidationError } from '../../libs/domain/errors.js';
import { checkImport, type PersonImport, type RegistrySnapshot } from '../../libs/domain/org/import-rules.js';
import { committeeFor } from '../../libs/domain/org/managing-committee.js';
import { OrgTree } from '../../libs/domain/org/org-tree.js';
import { planUnit } from '../../libs/domain/org/subject-plan.js';
import type { ReviewCommand } from '../../libs/domain/review/review-commands.js';
import { decide, launchReview, reassignReview, type Transition } from '../../libs/domain/review/review-machine.js';
import type { ReviewState } from '../../libs/domain/review/review-state.js';
import { deciderFor } from '../../libs/domain/rules/deciding.js';
import { personPlan } from '../support/subject-plan-fixture.js';

// The standing committee's extra review (reg 366 Art. 10–11): a person managed by a higher unit's
// committee is decided as usual, then that unit's head ('cmt') confirms or changes it.

const calendar = { ...defaultCalendar(2026), selfAssessmentOpensAt: '2026-05-01T00:00:00.000Z' };
const CLEAN = { discipline: [], subordinateDisciplined: false, unremediedShortcomings: null };
let clock = 0;
const now = () => new Date(Date.UTC(2026, 5, 1) + ++clock * 60_000).toISOString();

function launched(committee: { unitId: string; reviewerId: string } | null = { unitId: 'P', reviewerId: 'cmt' }): ReviewState {
  return launchReview({ reviewId: 'rv', cycleId: 'cy', workflowId: 'wf', plan: personPlan(), ruleSetId: 'reg-366-2025', ruleSetVersion: 2, calendar, launchedBy: 'admin', committee, facts: CLEAN }, now()).state;
}

const act = (state: ReviewState, command: ReviewCommand): Transition => {
  const before = structuredClone(state);
  const transition = decide(state, command, now());
  assert.deepEqual(state, before, 'decide must not mutate its input');
  return transition;
};

// Score 25 + 0.7 × 86 = 85.2: good at most.
function approvedBy(reviewer: ReviewState, classification: 'good' | 'completed' = 'good', shortcomings: string[] = []): Transition {
  let state = act(reviewer, { kind: 'assign_targets', actorId: 'rev', targets: [{ title: 'Plan', weight: 60 }, { title: 'Training', weight: 40 }] }).state;
  state = act(state, {
    kind: 'submit_self_assessment',
    actorId: 'sub',
    results: [{ targetIndex: 0, achievement: 95 }, { targetIndex: 1, achievement: 72.5 }],
    generalScore: 25,
    proposedClassification: 'good',
    summary: 'Done',
  }).state;
  return act(state, { kind: 'submit_review', actorId: 'rev', decision: 'approve', classification, comment: 'Agreed', shortcomings });
}

const committee = (over: Partial<Extract<ReviewCommand, { kind: 'committee_review' }>> = {}): ReviewCommand => ({
  kind: 'committee_review',
  actorId: 'cmt',
  decision: 'confirm',
  comment: 'Reviewed by the standing committee',
  ...over,
});

describe('standing committee review: transitions', () => {
  it('opens the committee head’s task once the deciding review approved, the step staying superior_review', () => {
    const { state, event } = approvedBy(launched());
    assert.equal(state.step, 'superior_review');
    assert.equal(state.status, 'open');
    assert.equal(state.classification, null, 'not final until the committee decides');
    assert.equal(state.review?.classification, 'good');
    assert.deepEqual(state.committee, { unitId: 'P', reviewerId: 'cmt', status: 'pending', decision: null });
    assert.deepEqual([state.task?.kind, state.task?.assigneeId], ['review', 'cmt']);
    assert.equal(event.type, 'review.approved');
    assert.deepEqual(event.data.committeeReview, { unitId: 'P', reviewerId: 'cmt' });
  });

  it('a confirmed good is final and done; the history has both decisions', () => {
    const approved = approvedBy(launched());
    const { state, event } = act(approved.state, committee());
    assert.equal(state.status, 'done');
    assert.equal(state.classification, 'good');
    assert.equal(state.task, null);
    assert.equal(state.committee?.status, 'decided');
    assert.deepEqual([event.type, event.actorId, event.data.from, event.data.classification, event.data.remediationRequired], ['review.committee_decided', 'cmt', 'good', 'good', false]);
  });

  it('a change down to completed is final and the remediation plan follows, decided by the reviewer', () => {
    const approved = approvedBy(launched());
    const changed = act(approved.state, committee({ decision: 'change', classification: 'completed' }));
    assert.equal(changed.state.classification, 'completed');
    assert.equal(changed.state.step, 'remediation_plan');
    assert.deepEqual([changed.state.task?.kind, changed.state.task?.assigneeId], ['submit_remediation', 'sub']);
    const planned = act(changed.state, { kind: 'submit_remediation_plan', actorId: 'sub', items: [{ action: 'Fix', dueDate: '2027-03-31' }] });
    assert.equal(planned.state.task?.assigneeId, 'rev');
    assert.equal(act(planned.state, { kind: 'decide_remediation', actorId: 'rev', decision: 'approve' }).state.status, 'done');
  });

  it('a change up from completed to good needs no plan; shortcomings of the decision still ask for one', () => {
    const up = act(approvedBy(launched(), 'completed').state, committee({ decision: 'change', classification: 'good' }));
    assert.equal(up.state.status, 'done');
    const withShortcomings = act(approvedBy(launched(), 'good', ['Late minutes']).state, committee());
    assert.equal(withShortcomings.state.step, 'remediation_plan');
  });

  it('bounds a change by the score band, as a decision is', () => {
    const approved = approvedBy(launched());
    assert.throws(() => act(approved.state, committee({ decision: 'change', classification: 'excellent' })), (e) => e instanceof RuleViolationError && /score band/.test(e.message));
  });

  it('a change needs another classification; a confirm keeps the approved one (400 naming classification)', () => {
    const approved = approvedBy(launched());
    for (const bad of [committee({ decision: 'change' }), committee({ decision: 'change', classification: 'good' }), committee({ classification: 'completed' })]) {
      assert.throws(() => act(approved.state, bad), (e) => e instanceof ValidationError && e.errors[0]?.path === 'classification');
    }
  });

  it('answers who before when: anyone else 403 at any step, the committee head 409 before the approval and after its decision', () => {
    const fresh = launched();
    assert.throws(() => act(fresh, committee({ actorId: 'rev' })), ForbiddenError);
    assert.throws(() => act(fresh, committee()), (e) => e instanceof ConflictError && e.code === ErrorCode.WrongStep);
    const done = act(approvedBy(launched()).state, committee()).state;
    assert.throws(() => act(done, committee({ actorId: 'someone' })), ForbiddenError);
    assert.throws(() => act(done, committee()), ConflictError);
  });

  it('the deciding reviewer cannot decide again while the committee reviews (409)', () => {
    const approved = approvedBy(launched());
    assert.throws(
      () => act(approved.state, { kind: 'submit_review', actorId: 'rev', decision: 'approve', classification: 'completed', comment: 'Again' }),
      (e) => e instanceof ConflictError && e.code === ErrorCode.WrongStep,
    );
  });

  it('a review without a committee goes straight to done, and nobody may give a committee review (403)', () => {
    const plain = approvedBy(launched(null));
    assert.equal(plain.state.status, 'done');
    assert.equal(plain.state.committee, undefined);
    assert.throws(() => act(plain.state, committee()), ForbiddenError);
  });

  it('after a deciding review one level up: proposal, decision, then the committee', () => {
    const plan = personPlan({ reviewerId: 'cell-head' });
    let state = launchReview(
      { reviewId: 'rv', cycleId: 'cy', workflowId: 'wf', plan, ruleSetId: 'reg-366-2025', ruleSetVersion: 2, calendar, launchedBy: 'admin', facts: CLEAN, deciderId: 'rev', committee: { unitId: 'P', reviewerId: 'cmt' } },
      now(),
    ).state;
    state = act(state, { kind: 'assign_targets', actorId: 'cell-head', targets: [{ title: 'Plan', weight: 100 }] }).state;
    state = act(state, { kind: 'submit_self_assessment', actorId: 'sub', results: [{ targetIndex: 0, achievement: 85 }], generalScore: 25, proposedClassification: 'good', summary: 'Done' }).state;
    const proposed = act(state, { kind: 'submit_review', actorId: 'cell-head', decision: 'approve', classification: 'good', comment: 'Proposed' });
    assert.equal(proposed.event.type, 'review.proposed');
    assert.equal(proposed.state.committee?.status, 'waiting');
    const decided = act(proposed.state, { kind: 'submit_review', actorId: 'rev', decision: 'approve', classification: 'good', comment: 'Decided' });
    assert.deepEqual([decided.event.type, decided.state.committee?.status, decided.state.task?.assigneeId], ['review.approved', 'pending', 'cmt']);
    assert.equal(act(decided.state, committee()).state.status, 'done');
  });

  it('a registry change while the committee reviews leaves its task with the committee head', () => {
    const approved = approvedBy(launched()).state;
    const moved = reassignReview(approved, { actorId: 'admin', reason: 'head_changed', reviewerId: 'rev2', selfActorId: 'sub', unitId: 'U', ownerUnitId: 'U', decidingUnitId: 'U' }, now());
    assert.equal(moved?.state.reviewerId, 'rev2');
    assert.equal(moved?.state.task?.assigneeId, 'cmt');
  });

  it("a new head of the managing unit inherits the committee's review until it decided", () => {
    const approved = approvedBy(launched()).state;
    const command = { actorId: 'admin', reason: 'head_changed' as const, reviewerId: 'rev', selfActorId: 'sub', unitId: 'U', ownerUnitId: 'U', decidingUnitId: 'U', committeeReviewerId: 'cmt2' };
    const moved = reassignReview(approved, command, now())!;
    assert.deepEqual([moved.state.committee?.reviewerId, moved.state.task?.assigneeId], ['cmt2', 'cmt2']);
    assert.deepEqual([moved.event.data.from, moved.event.data.to].map((d) => (d as Record<string, unknown>).committeeReviewerId), ['cmt', 'cmt2']);
    assert.throws(() => act(moved.state, committee()), ForbiddenError);
    assert.equal(act(moved.state, committee({ actorId: 'cmt2' })).state.status, 'done');
    const decided = act(approved, committee()).state;
    assert.equal(reassignReview({ ...decided, status: 'open' }, command, now()), null, 'a decided committee review stays with who decided it');
  });
});

// P (province) → D (district) → G (grassroots) → C (cell).
const UNITS = [
  { id: 'P', parentId: null, name: 'P', kind: 'province' as const },
  { id: 'D', parentId: 'P', name: 'D', kind: 'district' as const },
  { id: 'G', parentId: 'D', name: 'G', kind: 'grassroots' as const },
  { id: 'C', parentId: 'G', name: 'C', kind: 'cell' as const },
];
const PEOPLE = [
  { id: 'p-sec', name: 'p-sec', unitId: 'P', position: 'secretary' as const },
  { id: 'd-sec', name: 'd-sec', unitId: 'D', position: 'secretary' as const },
  { id: 'g-sec', name: 'g-sec', unitId: 'G', position: 'secretary' as const },
  { id: 'c-sec', name: 'c-sec', unitId: 'C', position: 'secretary' as const },
];

describe('standing committee review: who reviews at launch', () => {
  const launchFor = (subjectId: string, managedByUnitId: string, unitId: string) => {
    const tree = new OrgTree(UNITS, [...PEOPLE, { id: subjectId, name: subjectId, unitId, position: 'member', managedByUnitId }]);
    const subject = planUnit(tree, unitId, { rootUnitId: 'P', superiorReviewerId: null }).subjects.find((s) => s.subjectId === subjectId)!;
    return committeeFor(tree, subject, deciderFor('cell_members', tree, subject));
  };

  it('the head of a flagged unit above the decider reviews', () => {
    assert.deepEqual(launchFor('m', 'D', 'G'), { unitId: 'D', reviewerId: 'd-sec' });
    assert.deepEqual(launchFor('m', 'P', 'G'), { unitId: 'P', reviewerId: 'p-sec' });
  });

  it('none when the flagged unit is the deciding unit itself: a cell member is decided by the grassroots head', () => {
    assert.equal(launchFor('m', 'G', 'C'), null);
    assert.deepEqual(launchFor('m', 'D', 'C'), { unitId: 'D', reviewerId: 'd-sec' });
  });

  it('none for a unit outside the person’s ancestry', () => {
    assert.equal(launchFor('m', 'elsewhere', 'G'), null);
  });
});

describe('standing committee review: the registry field', () => {
  const SNAPSHOT: RegistrySnapshot = { units: UNITS, people: PEOPLE, accounts: [] };
  const person = (over: Partial<PersonImport>): PersonImport => ({ id: 'x', name: 'x', unitId: 'G', position: 'member', ...over });
  const errors = (people: PersonImport[]) => checkImport(SNAPSHOT, { units: [], people }, { callerScope: 'all', reservedUsernames: [], reservedIds: [], minPasswordLength: 8 });

  it('accepts a unit above the decider, and none', () => {
    assert.deepEqual(errors([person({ managedByUnitId: 'D' }), person({ id: 'y', managedByUnitId: null }), person({ id: 'z', unitId: 'C', managedByUnitId: 'P' })]), []);
  });

  it('refuses an unknown unit, the deciding unit itself and a unit below, naming the field', () => {
    const refused = errors([
      person({ managedByUnitId: 'nowhere' }),
      person({ id: 'y', managedByUnitId: 'G' }),
      person({ id: 'z', unitId: 'C', managedByUnitId: 'G' }),
      person({ id: 'w', unitId: 'D', position: 'deputy_secretary', managedByUnitId: 'G' }),
    ]);
    assert.deepEqual(refused.map((e) => e.path), ['people[0].managedByUnitId', 'people[1].managedByUnitId', 'people[2].managedByUnitId', 'people[3].managedByUnitId']);
    assert.match(refused[0]!.message, /unknown unit 'nowhere'/);
    assert.match(refused[2]!.message, /not above 'G'/);
  });

  it('a head is decided one level up: the unit above that', () => {
    const refused = errors([person({ id: 'g-sec', position: 'secretary', managedByUnitId: 'D' })]);
    assert.deepEqual(refused.map((e) => e.path), ['people[0].managedByUnitId']);
    assert.deepEqual(errors([person({ id: 'g-sec', position: 'secretary', managedByUnitId: 'P' })]), []);
  });
});
