import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCalendar, defaultCalendar } from '../../libs/domain/calendar.js';
import { defaultCalendarFor, periodKey, periodLabel, type CyclePeriod } from '../../libs/domain/cycle-period.js';

describe('periodKey: one cycle per (year, root unit, key)', () => {
  const cases: Array<[string, CyclePeriod, string]> = [
    ['the year', { kind: 'year' }, 'year'],
    ['a quarter', { kind: 'quarter', quarter: 2 }, 'quarter:2'],
    ['the term', { kind: 'term' }, 'term'],
    ['an ad hoc review by its title', { kind: 'ad_hoc', title: 'Kiểm tra đột xuất' }, 'ad_hoc:kiểm tra đột xuất'],
  ];
  for (const [what, period, key] of cases) it(`keys ${what} as ${key}`, () => assert.equal(periodKey(period), key));

  it('tells every quarter from the others and from the year', () => {
    const keys = [{ kind: 'year' } as const, ...[1, 2, 3, 4].map((quarter) => ({ kind: 'quarter', quarter }) as const)].map(periodKey);
    assert.equal(new Set(keys).size, 5);
  });

  it('takes two ad hoc titles differing only in case, spaces or Unicode form as the same period', () => {
    const composed = 'Đột xuất'.normalize('NFC');
    const decomposed = '  đột XUẤT '.normalize('NFD');
    assert.equal(periodKey({ kind: 'ad_hoc', title: composed }), periodKey({ kind: 'ad_hoc', title: decomposed }));
    assert.notEqual(periodKey({ kind: 'ad_hoc', title: 'Đột xuất 1' }), periodKey({ kind: 'ad_hoc', title: 'Đột xuất 2' }));
  });
});

describe('periodLabel', () => {
  it('names each period with its year', () => {
    assert.equal(periodLabel(2026, { kind: 'year' }), '2026');
    assert.equal(periodLabel(2026, { kind: 'quarter', quarter: 3 }), 'Q3/2026');
    assert.equal(periodLabel(2026, { kind: 'term' }), 'term ending 2026');
    assert.equal(periodLabel(2026, { kind: 'ad_hoc', title: ' Audit ' }), 'Audit (2026)');
  });
});

describe('defaultCalendarFor', () => {
  it("keeps the year's calendar for the year, the term and an ad hoc review", () => {
    for (const period of [{ kind: 'year' }, { kind: 'term' }, { kind: 'ad_hoc', title: 'x' }] as CyclePeriod[]) assert.deepEqual(defaultCalendarFor(2026, period), defaultCalendar(2026));
  });

  it('puts the second quarter of 2026 inside April–June, report by 15 July', () => {
    const calendar = defaultCalendarFor(2026, { kind: 'quarter', quarter: 2 });
    assert.equal(calendar.targetsDueAt, '2026-04-15T23:59:59.000Z');
    assert.equal(calendar.selfAssessmentOpensAt, '2026-06-01T00:00:00.000Z');
    assert.equal(calendar.selfAssessmentDueAt, '2026-06-20T23:59:59.000Z');
    assert.equal(calendar.reviewDueAt, '2026-06-30T23:59:59.000Z');
    assert.equal(calendar.remediationDueAt, '2026-07-15T23:59:59.000Z');
    assert.equal(calendar.reportDueAt, '2026-07-15T23:59:59.000Z');
  });

  it('ends the fourth quarter on 31 December and reports in January of the next year', () => {
    const calendar = defaultCalendarFor(2026, { kind: 'quarter', quarter: 4 });
    assert.equal(calendar.reviewDueAt, '2026-12-31T23:59:59.000Z');
    assert.equal(calendar.reportDueAt, '2027-01-15T23:59:59.000Z');
  });

  it('gives every quarter a calendar in the order the steps run', () => {
    for (const quarter of [1, 2, 3, 4]) assert.deepEqual(checkCalendar(defaultCalendarFor(2027, { kind: 'quarter', quarter })), [], `Q${quarter}`);
  });
});
