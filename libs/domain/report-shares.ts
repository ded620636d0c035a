import { CLASSIFICATIONS, type Classification } from './classification.js';
import type { ClassificationCounts, ClassificationPercentages } from './report-counts.js';

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

const HUNDREDTHS_OF_WHOLE = 10_000; // 100.00% in hundredths of a percent

/**
 * Shares of the total in hundredths of a percent, by the largest-remainder method: each part gets
 * its share rounded down, then the hundredths left over go one each to the parts with the largest
 * remainders (ties: in the order excellent → not completed). The parts then sum to exactly 10,000
 * when the total is > 0, so a report's lines never sum to 99.99% or 100.01%. Integer arithmetic only.
 */
function hundredthsOf(counts: ClassificationCounts): Record<Classification, number> {
  const out = { excellent: 0, good: 0, completed: 0, not_completed: 0 };
  if (counts.total === 0) return out;
  const remainders: Array<{ c: Classification; remainder: number }> = [];
  let leftOver = HUNDREDTHS_OF_WHOLE;
  for (const c of CLASSIFICATIONS) {
    const scaled = counts[c] * HUNDREDTHS_OF_WHOLE;
    out[c] = Math.floor(scaled / counts.total);
    leftOver -= out[c];
    remainders.push({ c, remainder: scaled % counts.total });
  }
  // A stable sort keeps the classification order among equal remainders.
  remainders.sort((a, b) => b.remainder - a.remainder);
  for (let i = 0; i < leftOver; i += 1) out[remainders[i].c] += 1;
  return out;
}

/**
 * The percentages of a report and its "good or better" figure, computed once for the API, the
 * documents and the web app. "Good or better" is the sum of the rounded excellent and good parts,
 * so it always agrees with the lines above it. All zeros when the total is 0.
 */
export function reportShares(counts: ClassificationCounts): ReportShares {
  const hundredths = hundredthsOf(counts);
  const percentages = { excellent: 0, good: 0, completed: 0, not_completed: 0 };
  for (const c of CLASSIFICATIONS) percentages[c] = hundredths[c] / 100;
  return {
    percentages,
    goodOrBetter: { count: counts.excellent + counts.good, percent: (hundredths.excellent + hundredths.good) / 100 },
  };
}
