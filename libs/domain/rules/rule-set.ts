import type { Classification } from '../classification.js';

export const RULE_SET_IDS = ['reg-366-2025', 'reg-124-2023'] as const;
export type RuleSetId = (typeof RULE_SET_IDS)[number];
export const DEFAULT_RULE_SET: RuleSetId = 'reg-366-2025';

/**
 * A regulation as the engine applies it. Pure and versioned: a running cycle keeps the
 * definition it was launched with (the id is stored with the cycle and passed to every workflow).
 */
export interface RuleSet {
  id: RuleSetId;
  title: string;
  /** Reg 366 scores a review out of 100; reg 124 chooses the level directly. */
  scored: boolean;
  /** A remediation plan is needed for these classifications, or whenever shortcomings were listed. */
  remediationFor: readonly Classification[];
}
