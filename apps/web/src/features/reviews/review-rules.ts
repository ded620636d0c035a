import { isAbove, type Classification } from '../../../../../libs/domain/classification';
import { ruleSetFor } from '../../../../../libs/domain/rules/rule-sets';
import type { RuleSetId } from '../../../../../libs/domain/rules/rule-set';
import { bandOf, computeScore } from '../../../../../libs/domain/score';
import type { Target } from './reviews-api';

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

/** A classification the ceiling does not allow. */
export const aboveCeiling = (classification: Classification, ceiling: Classification | null | undefined) => ceiling != null && isAbove(classification, ceiling);
