import { isAbove, type Classification } from '../../../../../libs/domain/classification';
import type { ConditionLimit } from '../../../../../libs/domain/rules/conditions';
import { ruleSetFor } from '../../../../../libs/domain/rules/rule-sets';
import type { RuleSetId } from '../../../../../libs/domain/rules/rule-set';
import { timelinessLimit, timelinessOf, type TargetCompletion, type Timeliness } from '../../../../../libs/domain/rules/timeliness';
import { bandOf, computeScore } from '../../../../../libs/domain/score';
import type { Review, Target } from './reviews-api';

// The rule arithmetic the server applies, from libs/domain (never rewritten here), fitted to
// what a form holds while it is typed.

/** Whether the review's rule set scores out of 100 (reg 366) or chooses the level directly (reg 124). */
export function isScored(ruleSet: RuleSetId): boolean {
  return ruleSetFor(ruleSet)?.scored ?? false;
}

export interface LiveScore {
  score: number;
  band: Classification;
}

/** The score and its band from what is typed so far (an empty achievement counts as 0). */
export function liveScore(generalScore: number | null | undefined, targets: readonly Target[], achievements: readonly (number | null | undefined)[]): LiveScore | null {
  if (typeof generalScore !== 'number' || targets.length === 0) return null;
  const results = targets.map((_, i) => ({ targetIndex: i, achievement: achievements[i] ?? 0 }));
  const score = computeScore(generalScore, targets, results);
  return { score, band: bandOf(score) };
}

export interface LiveTimeliness {
  figures: Timeliness;
  /** The ceiling timeliness puts on the classification; null when none (every task on time, or a rule set without the condition). */
  limit: ConditionLimit | null;
}

/**
 * The completion figures of the statuses chosen so far (an unchosen one counts as on time, as the
 * server counts it) and the ceiling the review's rule set version draws from them.
 */
export function liveTimeliness(review: Pick<Review, 'ruleSet' | 'ruleSetVersion'>, completions: readonly (TargetCompletion | null | undefined)[]): LiveTimeliness {
  const figures = timelinessOf(completions.map((completion) => ({ completion })));
  return { figures, limit: timelinessLimit(ruleSetFor(review.ruleSet, review.ruleSetVersion).conditions, figures) };
}

/** Whether the review's rule set version bounds the classification by the timeliness of the tasks. */
export function hasTimeliness(review: Pick<Review, 'ruleSet' | 'ruleSetVersion'>): boolean {
  return ruleSetFor(review.ruleSet, review.ruleSetVersion).conditions.includes('task_timeliness');
}

/** The lower of two ceilings (null: no ceiling). */
export function lowerCeiling(a: Classification | null | undefined, b: Classification | null | undefined): Classification | null {
  if (a == null) return b ?? null;
  if (b == null) return a;
  return isAbove(a, b) ? b : a;
}

/** A classification the ceiling does not allow. */
export const aboveCeiling = (classification: Classification, ceiling: Classification | null | undefined) => ceiling != null && isAbove(classification, ceiling);
