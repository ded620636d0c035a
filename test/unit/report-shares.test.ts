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

/** The parts' sum in hundredths, so float noise cannot hide an off-by-one-hundredth. */
const sumOfParts = (c: ClassificationCounts) => CLASSIFICATIONS.reduce((sum, k) => sum + Math.round(reportShares(c).percentages[k] * 100), 0);

describe('reportShares', () => {
  it('gives a third each to 1/1/1 with the leftover hundredth to the first classification: 33.34 + 33.33 + 33.33 = 100', () => {
    const shares = reportShares(counts(1, 1, 1, 0));
    assert.deepEqual(shares.percentages, { excellent: 33.34, good: 33.33, completed: 33.33, not_completed: 0 });
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

  it('gives the seed 18/2/1 of 21 summing to 100.00: the leftover hundredth goes to good (largest remainder)', () => {
    const shares = reportShares(counts(0, 18, 2, 1));
    assert.deepEqual(shares.percentages, { excellent: 0, good: 85.72, completed: 9.52, not_completed: 4.76 });
    assert.deepEqual(shares.goodOrBetter, { count: 18, percent: 85.72 });
  });

  it('never lets 1/3/28 of 32 sum to 100.01 (3.125 and 9.375 rounded up alone would)', () => {
    const shares = reportShares(counts(1, 3, 28, 0));
    assert.deepEqual(shares.percentages, { excellent: 3.13, good: 9.37, completed: 87.5, not_completed: 0 });
    assert.deepEqual(shares.goodOrBetter, { count: 4, percent: 12.5 });
  });

  it('gives 100 to a single classification', () => {
    assert.deepEqual(reportShares(counts(0, 0, 0, 7)).percentages, { excellent: 0, good: 0, completed: 0, not_completed: 100 });
  });

  it('makes good-or-better the sum of the excellent and good parts as shown', () => {
    const shares = reportShares(counts(1, 1, 1, 4)); // sevenths: 14.29 + 14.29 alone would give 28.58, 2/7 alone 28.57
    assert.equal(Math.round(shares.goodOrBetter.percent * 100), Math.round(shares.percentages.excellent * 100) + Math.round(shares.percentages.good * 100));
  });

  it('sums the parts to exactly 100.00 for every split of totals 1 to 60', () => {
    for (let total = 1; total <= 60; total += 1) {
      for (let e = 0; e <= total; e += 1) {
        for (let g = 0; e + g <= total; g += 1) {
          const c = counts(e, g, Math.floor((total - e - g) / 2), Math.ceil((total - e - g) / 2));
          assert.equal(sumOfParts(c), 10_000, JSON.stringify(c));
        }
      }
    }
  });
});
