import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Classification } from '../../libs/domain/classification.js';
import { addCounts, countClassifications, emptyCounts } from '../../libs/domain/report-counts.js';

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
