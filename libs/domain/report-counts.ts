import { CLASSIFICATIONS, type Classification } from './classification.js';

export type ClassificationCounts = Record<Classification, number> & { total: number };
export type ClassificationPercentages = Record<Classification, number>;

export function emptyCounts(): ClassificationCounts {
  return { excellent: 0, good: 0, completed: 0, not_completed: 0, total: 0 };
}

export function countClassifications(values: Iterable<Classification>): ClassificationCounts {
  const counts = emptyCounts();
  for (const value of values) {
    counts[value] += 1;
    counts.total += 1;
  }
  return counts;
}

export function addCounts(a: ClassificationCounts, b: ClassificationCounts): ClassificationCounts {
  const sum = emptyCounts();
  for (const c of CLASSIFICATIONS) sum[c] = a[c] + b[c];
  sum.total = a.total + b.total;
  return sum;
}

/** Shares of the total, in percent rounded to two decimals ("18/21 = 85.71%"). */
export function percentagesOf(counts: ClassificationCounts): ClassificationPercentages {
  const out = { excellent: 0, good: 0, completed: 0, not_completed: 0 };
  if (counts.total === 0) return out;
  for (const c of CLASSIFICATIONS) out[c] = Math.round((counts[c] * 10000) / counts.total) / 100;
  return out;
}
