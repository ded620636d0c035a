import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCalendar, type CycleCalendar } from '../../libs/domain/calendar.js';
import { ConflictError, ErrorCode } from '../../libs/domain/errors.js';
import { decide, launchReview } from '../../libs/domain/review/review-machine.js';
import { CALENDAR_ACTOR, nextTimedAction, openTask, recordNotice, reschedule } from '../../libs/domain/review/review-schedule.js';
import type { ReviewState } from '../../libs/domain/review/review-state.js';
import { personPlan } from '../support/subject-plan-fixture.js';

const plan = personPlan();
const calendar: CycleCalendar = { ...defaultCalendar(2026), remindBeforeSeconds: 3600, escalateAfterSeconds: 7200 };

function launched(cal: CycleCalendar = calendar): ReviewState {
  return launchReview({ reviewId: 'rv', cycleId: 'cy', workflowId: 'wf', plan, ruleSetId: 'reg-366-2025', calendar: cal, launchedBy: 'admin' }, '2026-01-05T08:00:00.000Z').state;
}

function withTargets(state: ReviewState, at = '2026-06-01T00:00:00.000Z'): ReviewState {
  return decide(state, { kind: 'assign_targets', actorId: 'rev', targets: [{ title: 'Work' }] }, at).state;
}

const selfAssess = { kind: 'submit_self_assessment' as const, actorId: 'sub', results: [{ targetIndex: 0, achievement: 90 }], generalScore: 25, proposedClassification: 'good' as const, summary: 'ok' };

describe('the self-assessment step opens on its date', () => {
  it('creates the self-assessment task closed until selfAssessmentOpensAt and refuses it before (409 not_open_yet)', () => {
    const state = withTargets(launched());
    assert.equal(state.task?.kind, 'self_assess');
    assert.equal(state.task?.opensAt, '2026-12-01T00:00:00.000Z');
    assert.throws(
      () => decide(state, selfAssess, '2026-11-30T23:59:59.000Z'),
      (e: unknown) => e instanceof ConflictError && e.code === ErrorCode.NotOpenYet && /opens at 2026-12-01T00:00:00.000Z/.test(e.message),
    );
  });

  it('the timer opens it, recorded as step.opened by the calendar; then the subject can act', () => {
    const state = withTargets(launched());
    assert.deepEqual(nextTimedAction(state), { kind: 'open', at: '2026-12-01T00:00:00.000Z', taskId: state.task!.id });
    const opened = openTask(state, '2026-12-01T00:00:00.000Z');
    assert.equal(opened.event.type, 'step.opened');
    assert.equal(opened.event.actorId, CALENDAR_ACTOR);
    assert.equal(opened.state.task?.opensAt, undefined);
    assert.equal(decide(opened.state, selfAssess, '2026-12-02T00:00:00.000Z').state.step, 'superior_review');
  });

  it('opens at once when targets come after the opening date', () => {
    const state = withTargets(launched(), '2026-12-05T00:00:00.000Z');
    assert.equal(state.task?.opensAt, undefined);
  });

  it('leaves reviews launched before the calendar timers exactly as they were', () => {
    const legacy = { ...launched(), calendarTimed: undefined };
    const state = withTargets(legacy);
    assert.equal(state.task?.opensAt, undefined);
    assert.equal(nextTimedAction(state), null);
  });
});

describe('notices before and after a due date', () => {
  const open = withTargets(launched(), '2026-12-05T00:00:00.000Z'); // self_assess due 2026-12-15T23:59:59Z

  it('reminds an hour before the due date, tells the assignee at it, their head two hours after', () => {
    const reminder = nextTimedAction(open)!;
    assert.deepEqual(reminder, { kind: 'reminder', at: '2026-12-15T22:59:59.000Z', taskId: open.task!.id });
    const reminded = recordNotice(open, 'reminder', 'sub', reminder.at);
    assert.equal(reminded.event.type, 'task.reminded');
    assert.deepEqual(nextTimedAction(reminded.state), { kind: 'overdue', at: '2026-12-15T23:59:59.000Z', taskId: open.task!.id });
    const overdue = recordNotice(reminded.state, 'overdue', 'sub', '2026-12-15T23:59:59.000Z');
    assert.deepEqual(nextTimedAction(overdue.state), { kind: 'escalation', at: '2026-12-16T01:59:59.000Z', taskId: open.task!.id });
    const escalated = recordNotice(overdue.state, 'escalation', 'head', '2026-12-16T01:59:59.000Z');
    assert.equal(escalated.event.type, 'task.escalated');
    assert.equal(escalated.event.data.recipientId, 'head');
    assert.equal(nextTimedAction(escalated.state), null);
  });

  it('skips the reminder of a task created inside the reminder window', () => {
    const late = withTargets(launched(), '2026-12-15T23:30:00.000Z');
    assert.equal(nextTimedAction(late)?.kind, 'overdue');
  });

  it('starts over on the next task', () => {
    const reminded = recordNotice(open, 'reminder', 'sub', '2026-12-15T22:59:59.000Z').state;
    const next = decide({ ...reminded }, selfAssess, '2026-12-15T23:00:00.000Z').state;
    assert.equal(next.task?.kind, 'review');
    assert.equal(nextTimedAction(next)?.kind, 'reminder');
  });
});

describe('moving the dates of a running cycle', () => {
  it('moves the open task’s due date, re-arms notices about the old one and records who moved it', () => {
    const state = recordNotice(withTargets(launched(), '2026-12-05T00:00:00.000Z'), 'reminder', 'sub', '2026-12-15T22:59:59.000Z').state;
    const later = { ...state.calendar, selfAssessmentDueAt: '2026-12-20T23:59:59.000Z' };
    const moved = reschedule(state, later, 'admin', '2026-12-15T23:00:00.000Z')!;
    assert.equal(moved.event.type, 'calendar.changed');
    assert.equal(moved.event.actorId, 'admin');
    assert.equal(moved.state.task?.dueAt, '2026-12-20T23:59:59.000Z');
    assert.equal(moved.state.task?.notices, undefined);
    assert.equal(nextTimedAction(moved.state)?.at, '2026-12-20T22:59:59.000Z');
  });

  it('moves a step that has not opened yet to its new opening date, and opens it at once when that is past', () => {
    const state = withTargets(launched());
    const earlier = reschedule(state, { ...calendar, selfAssessmentOpensAt: '2026-11-01T00:00:00.000Z' }, 'admin', '2026-10-01T00:00:00.000Z')!;
    assert.equal(earlier.state.task?.opensAt, '2026-11-01T00:00:00.000Z');
    const past = reschedule(state, { ...calendar, selfAssessmentOpensAt: '2026-09-01T00:00:00.000Z' }, 'admin', '2026-10-01T00:00:00.000Z')!;
    assert.equal(past.state.task?.opensAt, undefined);
  });

  it('changes nothing when the dates are the same', () => {
    const state = withTargets(launched());
    assert.equal(reschedule(state, state.calendar, 'admin', '2026-10-01T00:00:00.000Z'), null);
  });
});
