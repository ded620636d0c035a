import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCalendar } from '../../libs/domain/calendar.js';
import {
  ConflictError,
  DomainError,
  ErrorCode,
  ForbiddenError,
  RuleViolationError,
  ValidationError,
} from '../../libs/domain/errors.js';
import type { SubjectPlan } from '../../libs/domain/org/subject-plan.js';
import type { RuleSetId } from '../../libs/domain/rules/rule-set.js';
import type { ReviewCommand } from '../../libs/domain/review/review-commands.js';
import { cancelReview, decide, launchReview, type Transition } from '../../libs/domain/review/review-machine.js';
import type { ReviewState } from '../../libs/domain/review/review-state.js';
import { personPlan } from '../support/subject-plan-fixture.js';

// Self-assessment opens before the actions below (June 2026); the opening gate has its own tests.
const calendar = { ...defaultCalendar(2026), selfAssessmentOpensAt: '2026-05-01T00:00:00.000Z' };
const DUE = {
  assign_targets: '2026-03-31T23:59:59.000Z',
  self_assess: '2026-12-15T23:59:59.000Z',
  review: '2026-12-31T23:59:59.000Z',
  remediation: '2027-01-15T23:59:59.000Z',
};
const LAUNCHED_AT = '2026-01-05T08:00:00.000Z';

const unitPlan: SubjectPlan = personPlan({ subjectType: 'unit', subjectId: 'U1', subjectName: 'Unit U1', unitId: 'U1', selfActorId: 'u1-head' });

function launch(ruleSetId: RuleSetId = 'reg-366-2025', plan: SubjectPlan = personPlan()): Transition {
  return launchReview({ reviewId: 'rv-1', cycleId: 'cy-1', workflowId: 'wf-rv-1', plan, ruleSetId, calendar, launchedBy: 'admin' }, LAUNCHED_AT);
}

let clock = 0;
/** Applies a command and checks that decide left its input state untouched. */
function act(state: ReviewState, command: ReviewCommand): Transition {
  const before = structuredClone(state);
  const at = new Date(Date.UTC(2026, 5, 1) + ++clock * 60_000).toISOString();
  const transition = decide(state, command, at);
  assert.deepEqual(state, before, 'decide must not mutate its input');
  assert.equal(transition.state.updatedAt, at);
  assert.equal(transition.event.at, at);
  return transition;
}

const assign = (actorId = 'rev', targets: Extract<ReviewCommand, { kind: 'assign_targets' }>['targets'] = [
  { title: 'Recruit members', weight: 60 },
  { title: 'Hold meetings', weight: 40 },
]): ReviewCommand => ({ kind: 'assign_targets', actorId, targets });

// weights 60/40, achievements 100/50 → mean 80 % → 0.7 × 80 = 56; with general score 25 → 81
const selfAssess = (over: Partial<Extract<ReviewCommand, { kind: 'submit_self_assessment' }>> = {}): ReviewCommand => ({
  kind: 'submit_self_assessment',
  actorId: 'sub',
  results: [
    { targetIndex: 0, achievement: 100 },
    { targetIndex: 1, achievement: 50 },
  ],
  generalScore: 25,
  proposedClassification: 'good',
  summary: 'Did most of it.',
  ...over,
});

const review = (over: Partial<Extract<ReviewCommand, { kind: 'submit_review' }>> = {}): ReviewCommand => ({
  kind: 'submit_review',
  actorId: 'rev',
  decision: 'approve',
  classification: 'good',
  comment: 'Agreed.',
  ...over,
});

const plan = (actorId = 'sub'): ReviewCommand => ({ kind: 'submit_remediation_plan', actorId, items: [{ action: 'Hold the missed meetings', dueDate: '2027-03-31' }] });
const decidePlan = (decision: 'approve' | 'return', actorId = 'rev'): ReviewCommand => ({ kind: 'decide_remediation', actorId, decision, comment: 'noted' });

/** A review walked to the given step under reg 366 (or the rule set given). */
function at(step: 'self_assessment' | 'superior_review' | 'remediation_plan' | 'done', ruleSetId: RuleSetId = 'reg-366-2025'): ReviewState {
  let state = act(launch(ruleSetId).state, assign()).state;
  if (step === 'self_assessment') return state;
  state = act(state, selfAssess(ruleSetId === 'reg-366-2025' ? {} : { generalScore: undefined })).state;
  if (step === 'superior_review') return state;
  return act(state, review(step === 'done' ? {} : { classification: 'completed' })).state;
}

/** Asserts fn throws the domain error class with the code, and (when given) exactly these field paths. */
function rejects(fn: () => unknown, cls: new (...args: never[]) => DomainError, code: ErrorCode, paths?: string[]): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof cls, `expected ${cls.name}, got ${String(err)}`);
    assert.equal(err.code, code);
    if (paths) assert.deepEqual(err.errors.map((e) => e.path), paths);
    return true;
  });
}

describe('launchReview', () => {
  it('opens a review at target assignment with an assign_targets task for the reviewer', () => {
    const { state, event } = launch();
    assert.equal(state.status, 'open');
    assert.equal(state.step, 'target_assignment');
    assert.deepEqual(state.subject, { type: 'person', id: 'sub', name: 'Subject Person' });
    assert.deepEqual(state.task, { id: 'rv-1:1:assign_targets', kind: 'assign_targets', assigneeId: 'rev', dueAt: DUE.assign_targets, createdAt: LAUNCHED_AT });
    assert.equal(state.seq, 1);
    assert.deepEqual(
      { seq: event.seq, actorId: event.actorId, type: event.type },
      { seq: 1, actorId: 'admin', type: 'review.launched' },
    );
  });
});

describe('decide: the happy path', () => {
  it('walks target_assignment → self_assessment → superior_review → done, approving good', () => {
    const launched = launch();
    const assigned = act(launched.state, assign());
    assert.equal(assigned.state.step, 'self_assessment');
    const assessed = act(assigned.state, selfAssess());
    assert.equal(assessed.state.step, 'superior_review');
    const approved = act(assessed.state, review());
    assert.equal(approved.state.step, 'done');
    assert.equal(approved.state.status, 'done');
    assert.equal(approved.state.task, null);
    assert.equal(approved.state.classification, 'good');
    assert.equal(approved.state.score, 81);
    assert.equal(approved.event.data.remediationRequired, false);
  });

  it('records events with increasing seq, the actor and the type', () => {
    const events = [launch()];
    events.push(act(events.at(-1)!.state, assign()));
    events.push(act(events.at(-1)!.state, selfAssess()));
    events.push(act(events.at(-1)!.state, review()));
    assert.deepEqual(
      events.map((t) => [t.event.seq, t.event.actorId, t.event.type, t.state.seq]),
      [
        [1, 'admin', 'review.launched', 1],
        [2, 'rev', 'targets.assigned', 2],
        [3, 'sub', 'self_assessment.submitted', 3],
        [4, 'rev', 'review.approved', 4],
      ],
    );
    assert.deepEqual(events[3]!.event.data.step, 'done');
  });

  it('opens one task per step for the right person, due by the calendar, with an id naming the event', () => {
    const assigned = act(launch().state, assign());
    assert.deepEqual(
      { id: assigned.state.task!.id, kind: assigned.state.task!.kind, assigneeId: assigned.state.task!.assigneeId, dueAt: assigned.state.task!.dueAt },
      { id: 'rv-1:2:self_assess', kind: 'self_assess', assigneeId: 'sub', dueAt: DUE.self_assess },
    );
    assert.equal(assigned.state.task!.createdAt, assigned.event.at);
    const assessed = act(assigned.state, selfAssess());
    assert.deepEqual(
      { id: assessed.state.task!.id, kind: assessed.state.task!.kind, assigneeId: assessed.state.task!.assigneeId, dueAt: assessed.state.task!.dueAt },
      { id: 'rv-1:3:review', kind: 'review', assigneeId: 'rev', dueAt: DUE.review },
    );
  });

  it('stores the targets with null for missing descriptions, weights and due dates', () => {
    const { state } = act(launch().state, assign('rev', [{ title: 'One' }, { title: 'Two', description: 'more' }]));
    assert.deepEqual(state.targets, [
      { title: 'One', description: null, weight: null, dueDate: null },
      { title: 'Two', description: 'more', weight: null, dueDate: null },
    ]);
  });
});

describe('decide: guards', () => {
  it('refuses a wrong actor with ForbiddenError', () => {
    rejects(() => decide(launch().state, assign('sub'), LAUNCHED_AT), ForbiddenError, ErrorCode.Forbidden);
    rejects(() => decide(at('self_assessment'), selfAssess({ actorId: 'rev' }), LAUNCHED_AT), ForbiddenError, ErrorCode.Forbidden);
    rejects(() => decide(at('superior_review'), review({ actorId: 'sub' }), LAUNCHED_AT), ForbiddenError, ErrorCode.Forbidden);
  });

  it('refuses the right actor in the wrong step with ConflictError wrong_step', () => {
    rejects(() => decide(launch().state, selfAssess(), LAUNCHED_AT), ConflictError, ErrorCode.WrongStep);
    rejects(() => decide(launch().state, review(), LAUNCHED_AT), ConflictError, ErrorCode.WrongStep);
    rejects(() => decide(at('self_assessment'), assign(), LAUNCHED_AT), ConflictError, ErrorCode.WrongStep);
    rejects(() => decide(at('superior_review'), plan(), LAUNCHED_AT), ConflictError, ErrorCode.WrongStep);
  });

  it('refuses every action on a done review with already_done to the one who must act, and forbidden to anyone else', () => {
    const done = at('done');
    for (const command of [assign(), selfAssess(), review(), plan(), decidePlan('approve')]) {
      rejects(() => decide(done, command, LAUNCHED_AT), ConflictError, ErrorCode.AlreadyDone);
    }
    // Who may act is answered before what state the review is in.
    rejects(() => decide(done, assign('stranger'), LAUNCHED_AT), ForbiddenError, ErrorCode.Forbidden);
    rejects(() => cancelReview(done, 'admin', 'too late', LAUNCHED_AT), ConflictError, ErrorCode.AlreadyDone);
  });
});

describe('decide: target weights', () => {
  it('refuses weights given for some targets only, naming each target without one', () => {
    const targets = [{ title: 'a', weight: 50 }, { title: 'b' }, { title: 'c', weight: 50 }, { title: 'd', weight: null }];
    rejects(() => decide(launch().state, assign('rev', targets), LAUNCHED_AT), ValidationError, ErrorCode.ValidationFailed, ['targets[1].weight', 'targets[3].weight']);
  });

  it('refuses weights that do not sum to 100, naming targets', () => {
    const targets = [{ title: 'a', weight: 60 }, { title: 'b', weight: 30 }];
    rejects(() => decide(launch().state, assign('rev', targets), LAUNCHED_AT), ValidationError, ErrorCode.ValidationFailed, ['targets']);
  });

  it('accepts targets without any weight', () => {
    const { state } = act(launch().state, assign('rev', [{ title: 'a' }, { title: 'b' }]));
    assert.equal(state.step, 'self_assessment');
  });
});

describe('decide: self-assessment', () => {
  it('refuses results missing a target', () => {
    const command = selfAssess({ results: [{ targetIndex: 0, achievement: 100 }] });
    rejects(() => decide(at('self_assessment'), command, LAUNCHED_AT), ValidationError, ErrorCode.ValidationFailed, ['results']);
  });

  it('refuses a duplicate result and names it, and the target left without one', () => {
    const command = selfAssess({ results: [{ targetIndex: 0, achievement: 100 }, { targetIndex: 0, achievement: 50 }] });
    rejects(() => decide(at('self_assessment'), command, LAUNCHED_AT), ValidationError, ErrorCode.ValidationFailed, ['results[1].targetIndex', 'results']);
  });

  it('refuses a result for a target that does not exist', () => {
    const command = selfAssess({
      results: [
        { targetIndex: 0, achievement: 100 },
        { targetIndex: 1, achievement: 50 },
        { targetIndex: 2, achievement: 50 },
        { targetIndex: -1, achievement: 50 },
      ],
    });
    rejects(() => decide(at('self_assessment'), command, LAUNCHED_AT), ValidationError, ErrorCode.ValidationFailed, ['results[2].targetIndex', 'results[3].targetIndex']);
  });

  it('requires generalScore under reg-366-2025, listed with every other problem', () => {
    rejects(() => decide(at('self_assessment'), selfAssess({ generalScore: null }), LAUNCHED_AT), ValidationError, ErrorCode.ValidationFailed, ['generalScore']);
    const both = selfAssess({ generalScore: undefined, results: [{ targetIndex: 1, achievement: 10 }] });
    rejects(() => decide(at('self_assessment'), both, LAUNCHED_AT), ValidationError, ErrorCode.ValidationFailed, ['results', 'generalScore']);
  });

  it('refuses generalScore under reg-124-2023 and keeps the score null', () => {
    const state = at('self_assessment', 'reg-124-2023');
    rejects(() => decide(state, selfAssess({ generalScore: 25 }), LAUNCHED_AT), ValidationError, ErrorCode.ValidationFailed, ['generalScore']);
    const assessed = act(state, selfAssess({ generalScore: undefined }));
    assert.equal(assessed.state.score, null);
    const approved = act(assessed.state, review());
    assert.equal(approved.state.score, null);
    assert.equal(approved.state.status, 'done');
  });

  it('computes the score at self-assessment', () => {
    const { state, event } = act(at('self_assessment'), selfAssess());
    assert.equal(state.score, 81);
    assert.equal(event.data.score, 81);
    assert.equal(state.selfAssessment!.generalScore, 25);
    assert.deepEqual(state.selfAssessment!.results, [
      { targetIndex: 0, achievement: 100, comment: null, completion: 'on_time' },
      { targetIndex: 1, achievement: 50, comment: null, completion: 'on_time' },
    ]);
  });
});

describe('decide: superior review', () => {
  it('recomputes the score at approval with the reviewer’s general score when given', () => {
    // 20 + 56 = 76 instead of the subject's 25 + 56 = 81
    const { state, event } = act(at('superior_review'), review({ generalScore: 20 }));
    assert.equal(state.score, 76);
    assert.equal(event.data.score, 76);
    assert.equal(state.review!.generalScore, 20);
    assert.equal(state.selfAssessment!.generalScore, 25);
  });

  it('keeps the subject’s general score at approval when the reviewer gives none', () => {
    assert.equal(act(at('superior_review'), review()).state.score, 81);
  });

  it('requires a classification to approve', () => {
    rejects(() => decide(at('superior_review'), review({ classification: null }), LAUNCHED_AT), ValidationError, ErrorCode.ValidationFailed, ['classification']);
  });

  it('refuses a classification with a return', () => {
    rejects(() => decide(at('superior_review'), review({ decision: 'return' }), LAUNCHED_AT), ValidationError, ErrorCode.ValidationFailed, ['classification']);
  });

  it('returns the review to self-assessment with a new self_assess task, and takes a resubmission', () => {
    const assigned = act(launch().state, assign());
    const firstTaskId = assigned.state.task!.id;
    const assessed = act(assigned.state, selfAssess());
    const returned = act(assessed.state, review({ decision: 'return', classification: undefined, comment: 'Redo target 2.' }));
    assert.equal(returned.event.type, 'review.returned');
    assert.equal(returned.state.step, 'self_assessment');
    assert.equal(returned.state.status, 'open');
    assert.equal(returned.state.classification, null);
    assert.equal(returned.state.review!.decision, 'return');
    assert.deepEqual(
      { id: returned.state.task!.id, kind: returned.state.task!.kind, assigneeId: returned.state.task!.assigneeId, dueAt: returned.state.task!.dueAt },
      { id: 'rv-1:4:self_assess', kind: 'self_assess', assigneeId: 'sub', dueAt: DUE.self_assess },
    );
    assert.notEqual(returned.state.task!.id, firstTaskId);

    // 25 + 0.7 × (0.6 × 100 + 0.4 × 75) = 25 + 63 = 88
    const resubmitted = act(returned.state, selfAssess({ results: [{ targetIndex: 0, achievement: 100 }, { targetIndex: 1, achievement: 75 }] }));
    assert.equal(resubmitted.state.step, 'superior_review');
    assert.equal(resubmitted.state.score, 88);
    assert.equal(resubmitted.state.task!.id, 'rv-1:5:review');
  });
});

describe('decide: remediation', () => {
  for (const classification of ['completed', 'not_completed'] as const) {
    it(`requires a remediation plan after approving ${classification}`, () => {
      const { state, event } = act(at('superior_review'), review({ classification }));
      assert.equal(state.step, 'remediation_plan');
      assert.equal(state.status, 'open');
      assert.equal(state.classification, classification);
      assert.equal(event.data.remediationRequired, true);
      assert.deepEqual(
        { id: state.task!.id, kind: state.task!.kind, assigneeId: state.task!.assigneeId, dueAt: state.task!.dueAt },
        { id: 'rv-1:4:submit_remediation', kind: 'submit_remediation', assigneeId: 'sub', dueAt: DUE.remediation },
      );
    });
  }

  it('requires a remediation plan after approving good with shortcomings', () => {
    const { state } = act(at('superior_review'), review({ classification: 'good', shortcomings: ['Late reports'] }));
    assert.equal(state.step, 'remediation_plan');
    assert.equal(state.classification, 'good');
    assert.deepEqual(state.review!.shortcomings, ['Late reports']);
  });

  it('goes straight to done after approving excellent with an empty shortcomings list', () => {
    const { state } = act(at('superior_review'), review({ classification: 'excellent', shortcomings: [] }));
    assert.equal(state.status, 'done');
  });

  it('gives the submit_remediation task of a unit subject to the unit’s head', () => {
    let state = launch('reg-366-2025', unitPlan).state;
    state = act(state, assign()).state;
    state = act(state, selfAssess({ actorId: 'u1-head' })).state;
    state = act(state, review({ classification: 'completed' })).state;
    assert.equal(state.task!.kind, 'submit_remediation');
    assert.equal(state.task!.assigneeId, 'u1-head');
    rejects(() => decide(state, plan('sub'), LAUNCHED_AT), ForbiddenError, ErrorCode.Forbidden);
  });

  it('sends a submitted plan to the reviewer, reopens submit_remediation on return, and ends done on approval', () => {
    const submitted = act(at('remediation_plan'), plan());
    assert.equal(submitted.event.type, 'remediation.submitted');
    assert.equal(submitted.state.remediationPlan!.status, 'submitted');
    assert.equal(submitted.state.task!.kind, 'decide_remediation');
    assert.equal(submitted.state.task!.assigneeId, 'rev');
    assert.equal(submitted.state.task!.dueAt, DUE.remediation);

    const returned = act(submitted.state, decidePlan('return'));
    assert.equal(returned.event.type, 'remediation.returned');
    assert.equal(returned.state.step, 'remediation_plan');
    assert.equal(returned.state.remediationPlan!.status, 'returned');
    assert.equal(returned.state.remediationPlan!.decidedBy, 'rev');
    assert.equal(returned.state.task!.kind, 'submit_remediation');
    assert.equal(returned.state.task!.assigneeId, 'sub');
    assert.equal(returned.state.task!.id, 'rv-1:6:submit_remediation');

    const resubmitted = act(returned.state, plan());
    const approved = act(resubmitted.state, decidePlan('approve'));
    assert.equal(approved.event.type, 'remediation.approved');
    assert.equal(approved.state.status, 'done');
    assert.equal(approved.state.step, 'done');
    assert.equal(approved.state.task, null);
    assert.equal(approved.state.remediationPlan!.status, 'approved');
    assert.equal(approved.state.classification, 'completed');
  });

  it('refuses a decision when no plan was submitted', () => {
    rejects(() => decide(at('remediation_plan'), decidePlan('approve'), LAUNCHED_AT), ConflictError, ErrorCode.WrongStep);
  });

  it('refuses a decision on a plan already returned', () => {
    const returned = act(act(at('remediation_plan'), plan()).state, decidePlan('return')).state;
    rejects(() => decide(returned, decidePlan('approve'), LAUNCHED_AT), ConflictError, ErrorCode.WrongStep);
  });

  it('refuses a second plan while one waits for the reviewer', () => {
    const submitted = act(at('remediation_plan'), plan()).state;
    rejects(() => decide(submitted, plan(), LAUNCHED_AT), ConflictError, ErrorCode.WrongStep);
  });

  it('refuses a plan from the reviewer and a decision from the subject', () => {
    const waiting = at('remediation_plan');
    rejects(() => decide(waiting, plan('rev'), LAUNCHED_AT), ForbiddenError, ErrorCode.Forbidden);
    const submitted = act(waiting, plan()).state;
    rejects(() => decide(submitted, decidePlan('approve', 'sub'), LAUNCHED_AT), ForbiddenError, ErrorCode.Forbidden);
  });
});

describe('cancelReview', () => {
  it('ends an open review as cancelled with no task, keeping its step', () => {
    const state = at('superior_review');
    const before = structuredClone(state);
    const { state: cancelled, event } = cancelReview(state, 'admin', 'cycle cancelled', '2026-07-01T00:00:00.000Z');
    assert.deepEqual(state, before);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.task, null);
    assert.equal(cancelled.step, 'superior_review');
    assert.equal(cancelled.seq, state.seq + 1);
    assert.deepEqual(
      { seq: event.seq, type: event.type, actorId: event.actorId, reason: event.data.reason },
      { seq: state.seq + 1, type: 'review.cancelled', actorId: 'admin', reason: 'cycle cancelled' },
    );
  });

  it('refuses every action on a cancelled review with closed', () => {
    const cancelled = cancelReview(at('superior_review'), 'admin', 'cycle cancelled', LAUNCHED_AT).state;
    rejects(() => decide(cancelled, review(), LAUNCHED_AT), ConflictError, ErrorCode.Closed);
    rejects(() => cancelReview(cancelled, 'admin', 'again', LAUNCHED_AT), ConflictError, ErrorCode.Closed);
  });
});

describe('decide: purity', () => {
  it('never mutates its input state along a full path with return and remediation', () => {
    const states: ReviewState[] = [launch().state];
    const commands: ReviewCommand[] = [
      assign(),
      selfAssess(),
      review({ decision: 'return', classification: undefined }),
      selfAssess(),
      review({ classification: 'completed', shortcomings: ['x'] }),
      plan(),
      decidePlan('return'),
      plan(),
      decidePlan('approve'),
    ];
    for (const command of commands) {
      const input = states.at(-1)!;
      const snapshot = structuredClone(input);
      const { state } = decide(input, command, '2026-06-01T00:00:00.000Z');
      assert.deepEqual(input, snapshot, `${command.kind} mutated its input`);
      assert.notEqual(state, input);
      states.push(state);
    }
    assert.equal(states.at(-1)!.status, 'done');
    assert.equal(states.at(-1)!.seq, 10);
  });

  it('leaves the input untouched when it throws', () => {
    const state = at('self_assessment');
    const snapshot = structuredClone(state);
    assert.throws(() => decide(state, selfAssess({ results: [] }), LAUNCHED_AT));
    assert.deepEqual(state, snapshot);
  });
});
