import { CLASSIFICATIONS } from './classification.js';
import { percentOf, type ClassificationCounts, type ClassificationPercentages } from './report-counts.js';

/** A count and its share of the total in percent (two decimals). */
export interface Share {
  count: number;
  percent: number;
}

/** The shares a report shows: one per classification, and "good or better" (excellent + good). */
export interface ReportShares {
  percentages: ClassificationPercentages;
  goodOrBetter: Share;
}

/**
 * The percentages of a report and its "good or better" figure, computed once for the API, the
 * documents and the web app. Every figure is derived from its own count, the aggregate too: "good
 * or better" is (excellent + good) / total, so no figure contradicts the counts it stands for
 * (the rounded parts may add up to 99.99% or 100.01%, as they do on paper).
 */
export function reportShares(counts: ClassificationCounts): ReportShares {
  const percentages = { excellent: 0, good: 0, completed: 0, not_completed: 0 };
  for (const c of CLASSIFICATIONS) percentages[c] = percentOf(counts[c], counts.total);
  const goodOrBetter = counts.excellent + counts.good;
  return { percentages, goodOrBetter: { count: goodOrBetter, percent: percentOf(goodOrBetter, counts.total) } };
}
