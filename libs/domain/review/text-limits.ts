import { REVIEW_LIMITS } from './review-commands.js';

/**
 * The longest free text a review action takes, in characters (UTF-16 code units, as zod counts).
 * Far above what a person writes (a comment of 2,000 characters is a page), and small enough that
 * the whole review, which every update answers with, stays under Temporal's 2 MB payload limit
 * even when every character takes the most JSON can spend on one (6 bytes: `\u0001`); see
 * `maxReviewTextBytes` and its test.
 */
export const TEXT_LIMITS = {
  targetTitle: 300,
  targetDescription: 1_000,
  resultComment: 2_000,
  selfAssessmentSummary: 10_000,
  reviewComment: 2_000,
  shortcoming: 500,
  shortcomingsMax: 20,
  remediationAction: 1_000,
  remediationComment: 2_000,
} as const;

/** The most bytes a JSON-encoded character can take (a control character escaped as `\uXXXX`). */
export const MAX_JSON_BYTES_PER_CHAR = 6;

/**
 * The most bytes of free text one review can hold: its targets and their results, the
 * self-assessment summary, two decisions (a proposal and the deciding review) and a plan.
 */
export function maxReviewTextBytes(): number {
  const decision = TEXT_LIMITS.reviewComment + TEXT_LIMITS.shortcomingsMax * TEXT_LIMITS.shortcoming;
  const chars =
    REVIEW_LIMITS.targetsMax * (TEXT_LIMITS.targetTitle + TEXT_LIMITS.targetDescription + TEXT_LIMITS.resultComment) +
    TEXT_LIMITS.selfAssessmentSummary +
    2 * decision +
    REVIEW_LIMITS.remediationItemsMax * TEXT_LIMITS.remediationAction +
    TEXT_LIMITS.remediationComment;
  return chars * MAX_JSON_BYTES_PER_CHAR;
}
