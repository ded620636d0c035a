import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Classification } from '../../libs/domain/classification.js';
import { addCounts, countClassifications, emptyCounts, percentagesOf } from '../../libs/domain/report-counts.js';

/** n copies of a classification. */
const times = (n: number, c: Classification): Classification[] => Array.from({ length: n }, () => c);

describe('countClassifications', () => {
  it('counts each classification and the total', () => {
    const counts = countClassifications(['good', 'excellent', 'good', 'not_completed', 'good']);
    assert.deepEqual(counts, { excellent: 1, good: 3, completed: 0, not_completed: 1, total: 5 });
  });

  it('gives all zeros for no values', () => {
    assert.deepEqual(countClassifications([]), { excellent: 0, good: 0, completed: 0, not_completed: 0, total: 0 });
  });

  it('accepts any iterable, such as a generator', () => {
    function* values(): Generator<Classification> {
      yield 'completed';
      yield 'completed';
    }
    assert.deepEqual(countClassifications(values()), { excellent: 0, good: 0, completed: 2, not_completed: 0, total: 2 });
  });
});

describe('addCounts', () => {
  it('adds each classification and the totals', () => {
    const a = { excellent: 1, good: 2, completed: 3, not_completed: 4, total: 10 };
    const b = { excellent: 10, good: 20, completed: 30, not_completed: 40, total: 100 };
    assert.deepEqual(addCounts(a, b), { excellent: 11, good: 22, completed: 33, not_completed: 44, total: 110 });
  });

  it('leaves both inputs unchanged', () => {
    const a = countClassifications(['good']);
    const b = countClassifications(['excellent']);
    addCounts(a, b);
    assert.deepEqual(a, { excellent: 0, good: 1, completed: 0, not_completed: 0, total: 1 });
    assert.deepEqual(b, { excellent: 1, good: 0, completed: 0, not_completed: 0, total: 1 });
  });

  it('treats empty counts as zero', () => {
    const a = countClassifications(['good', 'completed']);
    assert.deepEqual(addCounts(a, emptyCounts()), a);
  });
});

describe('percentagesOf', () => {
  it('gives the seed example: 18 good, 2 completed, 1 not completed of 21 → 85.71, 9.52, 4.76', () => {
    const counts = countClassifications([...times(18, 'good'), ...times(2, 'completed'), ...times(1, 'not_completed')]);
    assert.deepEqual(counts, { excellent: 0, good: 18, completed: 2, not_completed: 1, total: 21 });
    assert.deepEqual(percentagesOf(counts), { excellent: 0, good: 85.71, completed: 9.52, not_completed: 4.76 });
  });

  it('gives all zeros when the total is zero', () => {
    assert.deepEqual(percentagesOf(emptyCounts()), { excellent: 0, good: 0, completed: 0, not_completed: 0 });
  });

  it('rounds half up to two decimals: 1/32 = 3.125 → 3.13, 3/32 = 9.375 → 9.38', () => {
    const counts = { excellent: 1, good: 3, completed: 28, not_completed: 0, total: 32 };
    assert.deepEqual(percentagesOf(counts), { excellent: 3.13, good: 9.38, completed: 87.5, not_completed: 0 });
  });

  it('rounds thirds to 33.33 and 66.67', () => {
    const counts = countClassifications(['excellent', 'good', 'good']);
    assert.deepEqual(percentagesOf(counts), { excellent: 33.33, good: 66.67, completed: 0, not_completed: 0 });
  });

  it('gives 100 for a single classification', () => {
    assert.deepEqual(percentagesOf(countClassifications(times(7, 'excellent'))), { excellent: 100, good: 0, completed: 0, not_completed: 0 });
  });
});
