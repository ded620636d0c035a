import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkCalendar, defaultCalendar, dueAtFor } from '../../libs/domain/calendar.js';

describe('defaultCalendar', () => {
  it('puts the dates of 2026 where Guidance 43 wants them, reports in January 2027', () => {
    assert.deepEqual(defaultCalendar(2026), {
      targetsDueAt: '2026-03-31T23:59:59.000Z',
      selfAssessmentOpensAt: '2026-12-01T00:00:00.000Z',
      selfAssessmentDueAt: '2026-12-15T23:59:59.000Z',
      reviewDueAt: '2026-12-31T23:59:59.000Z',
      remediationDueAt: '2027-01-15T23:59:59.000Z',
      reportDueAt: '2027-01-15T23:59:59.000Z',
      remindBeforeSeconds: 3 * 24 * 3600,
      escalateAfterSeconds: 3 * 24 * 3600,
    });
  });

  it('follows the year it is given', () => {
    const calendar = defaultCalendar(2030);
    assert.equal(calendar.reviewDueAt, '2030-12-31T23:59:59.000Z');
    assert.equal(calendar.reportDueAt, '2031-01-15T23:59:59.000Z');
  });

  it('passes its own check', () => {
    assert.deepEqual(checkCalendar(defaultCalendar(2026)), []);
  });
});

describe('dueAtFor', () => {
  const calendar = defaultCalendar(2026);

  it('takes each task kind’s due date from the calendar', () => {
    assert.equal(dueAtFor(calendar, 'assign_targets'), '2026-03-31T23:59:59.000Z');
    assert.equal(dueAtFor(calendar, 'self_assess'), '2026-12-15T23:59:59.000Z');
    assert.equal(dueAtFor(calendar, 'review'), '2026-12-31T23:59:59.000Z');
    assert.equal(dueAtFor(calendar, 'submit_remediation'), '2027-01-15T23:59:59.000Z');
    assert.equal(dueAtFor(calendar, 'decide_remediation'), '2027-01-15T23:59:59.000Z');
    assert.equal(dueAtFor(calendar, 'calibrate'), '2027-01-15T23:59:59.000Z');
    assert.equal(dueAtFor(calendar, 'submit_report'), '2027-01-15T23:59:59.000Z');
  });
});

describe('checkCalendar', () => {
  it('names a review due date that falls before the self-assessment due date', () => {
    const calendar = { ...defaultCalendar(2026), reviewDueAt: '2026-12-10T23:59:59.000Z' };
    const errors = checkCalendar(calendar);
    assert.deepEqual(
      errors.map((e) => e.path),
      ['calendar.reviewDueAt'],
    );
    assert.match(errors[0]!.message, /selfAssessmentDueAt/);
  });

  it('prefixes the path it is given', () => {
    const calendar = { ...defaultCalendar(2026), reviewDueAt: '2026-12-10T23:59:59.000Z' };
    assert.deepEqual(
      checkCalendar(calendar, 'policy.calendar').map((e) => e.path),
      ['policy.calendar.reviewDueAt'],
    );
  });

  it('names the self-assessment due date when it falls before the self-assessment opens', () => {
    const calendar = { ...defaultCalendar(2026), selfAssessmentDueAt: '2026-11-30T23:59:59.000Z' };
    assert.deepEqual(
      checkCalendar(calendar).map((e) => e.path),
      ['calendar.selfAssessmentDueAt'],
    );
  });

  it('names the self-assessment due date when targets are due after it', () => {
    const calendar = { ...defaultCalendar(2026), targetsDueAt: '2026-12-20T23:59:59.000Z' };
    assert.deepEqual(
      checkCalendar(calendar).map((e) => e.path),
      ['calendar.selfAssessmentDueAt'],
    );
  });

  it('names both the remediation and the report due dates when they fall before the review due date', () => {
    const calendar = { ...defaultCalendar(2026), remediationDueAt: '2026-12-20T00:00:00.000Z', reportDueAt: '2026-12-21T00:00:00.000Z' };
    assert.deepEqual(
      checkCalendar(calendar).map((e) => e.path),
      ['calendar.remediationDueAt', 'calendar.reportDueAt'],
    );
  });

  it('accepts two steps due at the same instant', () => {
    const base = defaultCalendar(2026);
    assert.deepEqual(checkCalendar({ ...base, reviewDueAt: base.selfAssessmentDueAt }), []);
  });
});
