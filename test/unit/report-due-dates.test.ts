import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkCalendar, defaultCalendar, type CycleCalendar } from '../../libs/domain/calendar.js';
import { reportDueAtFor } from '../../libs/domain/report-due-dates.js';

const JAN = (day: number) => `2027-01-${String(day).padStart(2, '0')}T23:59:59.000Z`;
const withLevels = (reportDueAtByKind: CycleCalendar['reportDueAtByKind']): CycleCalendar => ({ ...defaultCalendar(2026), reportDueAtByKind });

describe('reportDueAtFor', () => {
  it('gives every level the cycle’s reportDueAt when no level has its own date', () => {
    const calendar = defaultCalendar(2026);
    for (const kind of ['cell', 'grassroots', 'district', 'province', 'other'] as const) assert.equal(reportDueAtFor(calendar, kind), calendar.reportDueAt);
  });

  it('gives a level its own date, and the others (other units too) reportDueAt', () => {
    const calendar = withLevels({ cell: JAN(5), district: JAN(10) });
    assert.equal(reportDueAtFor(calendar, 'cell'), JAN(5));
    assert.equal(reportDueAtFor(calendar, 'district'), JAN(10));
    assert.equal(reportDueAtFor(calendar, 'grassroots'), JAN(15));
    assert.equal(reportDueAtFor(calendar, 'other'), JAN(15));
  });
});

describe('checkCalendar with report dates per level', () => {
  it('accepts lower levels first, equal dates included', () => {
    assert.deepEqual(checkCalendar(withLevels({ cell: JAN(5), grassroots: JAN(8), district: JAN(8), province: JAN(12) })), []);
  });

  it('names a lower level whose date is after its parent level’s', () => {
    const errors = checkCalendar(withLevels({ cell: JAN(9), grassroots: JAN(8) }));
    assert.deepEqual(errors.map((e) => e.path), ['calendar.reportDueAtByKind.cell']);
  });

  it('compares a level with its parent’s default: a cell after reportDueAt is refused', () => {
    const errors = checkCalendar(withLevels({ cell: JAN(20) }));
    assert.deepEqual(errors.map((e) => e.path), ['calendar.reportDueAtByKind.cell']);
  });

  it('refuses a province date before a district date by naming the district, and a level before the reviews are due', () => {
    const errors = checkCalendar(withLevels({ district: JAN(10), province: JAN(9), cell: '2026-12-30T00:00:00.000Z' }));
    assert.deepEqual(errors.map((e) => e.path).sort(), ['calendar.reportDueAtByKind.cell', 'calendar.reportDueAtByKind.district']);
  });
});
