import type { Classification } from './classification.js';

export const GENERAL_SCORE_MAX = 30;
export const TASK_SCORE_MAX = 70;

export interface TargetWeight {
  weight?: number | null;
}

export interface TargetResult {
  targetIndex: number;
  achievement: number;
}

/**
 * Reg 366 score: general criteria (0..30) + 70 × the weighted mean achievement (0..100 %),
 * rounded to one decimal. Computed in thousandths so integer inputs give exact results
 * (0.7 is not exact in binary floating point; 89.9 must never become 89.89999).
 */
export function computeScore(generalScore: number, targets: readonly TargetWeight[], results: readonly TargetResult[]): number {
  const hasWeights = targets.length > 0 && targets.every((t) => typeof t.weight === 'number');
  let weightedSum = 0; // Σ weight × achievement, weights summing to 100
  for (const result of results) {
    const weight = hasWeights ? targets[result.targetIndex]!.weight! : 100 / targets.length;
    weightedSum += weight * result.achievement;
  }
  const thousandths = generalScore * 1000 + 7 * weightedSum;
  return Math.round(thousandths / 100) / 10;
}

/** The highest classification a reg 366 score allows. */
export function bandOf(score: number): Classification {
  if (score >= 90) return 'excellent';
  if (score >= 70) return 'good';
  if (score >= 50) return 'completed';
  return 'not_completed';
}
