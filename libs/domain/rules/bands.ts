import type { Classification } from '../classification.js';
import { isAbove } from '../classification.js';
import type { FieldError } from '../errors.js';

/** A score band: from `min` (inclusive) up to the next band's min, the highest classification allowed. */
export interface ScoreBand {
  min: number;
  classification: Classification;
}

/** Reg 366: ≥90 excellent · 70–<90 good · 50–<70 completed · <50 not completed. Highest first. */
export const REG_366_BANDS: readonly ScoreBand[] = [
  { min: 90, classification: 'excellent' },
  { min: 70, classification: 'good' },
  { min: 50, classification: 'completed' },
  { min: 0, classification: 'not_completed' },
];

/** The highest classification a score allows under the bands. */
export function highestForScore(bands: readonly ScoreBand[], score: number): Classification {
  for (const band of bands) if (score >= band.min) return band.classification;
  return bands[bands.length - 1]!.classification;
}

/** Refuses a classification above the score's band, naming the score: "score 74.5 allows at most good". */
export function checkBand(bands: readonly ScoreBand[], score: number, classification: Classification, path: string): FieldError | null {
  const highest = highestForScore(bands, score);
  if (!isAbove(classification, highest)) return null;
  return { path, message: `score band: score ${score} allows at most ${highest}, not ${classification}` };
}
