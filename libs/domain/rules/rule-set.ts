import type { Classification } from '../classification.js';
import type { ScoreBand } from './bands.js';
import type { ConditionId } from './conditions.js';
import type { DecidingReviewRule } from './deciding.js';
import type { QuotaRule } from './quota.js';

export const RULE_SET_IDS = ['reg-366-2025', 'reg-124-2023'] as const;
export type RuleSetId = (typeof RULE_SET_IDS)[number];
export const DEFAULT_RULE_SET: RuleSetId = 'reg-366-2025';

/**
 * A regulation as the engine applies it. Pure and versioned: a running cycle keeps the
 * definition it was launched with (the id is stored with the cycle and passed to every workflow).
 */
export interface RuleSet {
  id: RuleSetId;
  /** Bumped whenever the definition changes meaning. */
  version: number;
  title: string;
  /** Reg 366 scores a review out of 100; reg 124 chooses the level directly. */
  scored: boolean;
  /** Score bands bounding the classification; null when the rule set has no score. */
  bands: readonly ScoreBand[] | null;
  conditions: readonly ConditionId[];
  quota: QuotaRule;
  decidingReview: DecidingReviewRule;
  /** A remediation plan is needed for these classifications, or whenever shortcomings were listed. */
  remediationFor: readonly Classification[];
}
