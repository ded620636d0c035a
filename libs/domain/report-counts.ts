import { CLASSIFICATIONS, type Classification } from './classification.js';

export type ClassificationCounts = Record<Classification, number> & { total: number };
export type ClassificationPercentages = Record<Classification, number>;

/** "N of M cells achieved four good": `achieved` of the `total` cell collectives rated (done reviews with the set). */
export interface FourGoodCounts {
  achieved: number;
  total: number;
}

export function addFourGood(a: FourGoodCounts, b: FourGoodCounts): FourGoodCounts {
  return { achieved: a.achieved + b.achieved, total: a.total + b.total };
}

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

/**
 * `part` of `total` in percent, rounded half up to two decimals, as API.md prescribes ("18/21 =
 * 85.71%"); 0 when the total is 0. A report's figures come from `reportShares` (report-shares.ts).
 */
export function percentOf(part: number, total: number): number {
  return total === 0 ? 0 : Math.round((part * 10000) / total) / 100;
}

