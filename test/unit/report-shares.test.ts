import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CLASSIFICATIONS } from '../../libs/domain/classification.js';
import { emptyCounts, type ClassificationCounts } from '../../libs/domain/report-counts.js';
import { reportShares } from '../../libs/domain/report-shares.js';

const counts = (excellent: number, good: number, completed: number, notCompleted: number): ClassificationCounts => ({
  excellent,
  good,
  completed,
  not_completed: notCompleted,
  total: excellent + good + completed + notCompleted,
});

describe('reportShares', () => {
  it('gives a third each to 1/1/1, and good-or-better from its own count: 2/3', () => {
    const shares = reportShares(counts(1, 1, 1, 0));
    assert.deepEqual(shares.percentages, { excellent: 33.33, good: 33.33, completed: 33.33, not_completed: 0 });
    assert.deepEqual(shares.goodOrBetter, { count: 2, percent: 66.67 });
  });

  it('gives 2/3 and 1/3 as 66.67 and 33.33', () => {
    const shares = reportShares(counts(0, 2, 1, 0));
    assert.deepEqual(shares.percentages, { excellent: 0, good: 66.67, completed: 33.33, not_completed: 0 });
    assert.deepEqual(shares.goodOrBetter, { count: 2, percent: 66.67 });
  });

  it('gives all zeros, good-or-better included, when the total is zero', () => {
    const shares = reportShares(emptyCounts());
    assert.deepEqual(shares.percentages, { excellent: 0, good: 0, completed: 0, not_completed: 0 });
    assert.deepEqual(shares.goodOrBetter, { count: 0, percent: 0 });
  });

  it('reads the seed 18 good of 21 as API.md does: 85.71%', () => {
    const shares = reportShares(counts(0, 18, 2, 1));
    assert.deepEqual(shares.percentages, { excellent: 0, good: 85.71, completed: 9.52, not_completed: 4.76 });
    assert.deepEqual(shares.goodOrBetter, { count: 18, percent: 85.71 });
  });

  it('rounds half up: 1/32 = 3.125 → 3.13, 3/32 = 9.375 → 9.38', () => {
    const shares = reportShares(counts(1, 3, 28, 0));
    assert.deepEqual(shares.percentages, { excellent: 3.13, good: 9.38, completed: 87.5, not_completed: 0 });
    assert.deepEqual(shares.goodOrBetter, { count: 4, percent: 12.5 });
  });

  it('gives 100 to a single classification', () => {
    assert.deepEqual(reportShares(counts(0, 0, 0, 7)).percentages, { excellent: 0, good: 0, completed: 0, not_completed: 100 });
  });

  it('derives good-or-better from its count, not from the rounded parts: 2/7 = 28.57, not 14.29 + 14.29', () => {
    const shares = reportShares(counts(1, 1, 1, 4));
    assert.equal(shares.percentages.excellent, 14.29);
    assert.equal(shares.goodOrBetter.percent, 28.57);
  });

  it('keeps every figure within half a hundredth of its exact share, for every split of totals 1 to 60', () => {
    for (let total = 1; total <= 60; total += 1) {
      for (let e = 0; e <= total; e += 1) {
        for (let g = 0; e + g <= total; g += 1) {
          const c = counts(e, g, Math.floor((total - e - g) / 2), Math.ceil((total - e - g) / 2));
          const shares = reportShares(c);
          for (const k of CLASSIFICATIONS) assert.ok(Math.abs(shares.percentages[k] - (c[k] * 100) / total) <= 0.005 + 1e-9, JSON.stringify(c));
          assert.ok(Math.abs(shares.goodOrBetter.percent - ((e + g) * 100) / total) <= 0.005 + 1e-9, JSON.stringify(c));
        }
      }
    }
  });
});
