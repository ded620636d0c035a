import type { Classification } from '../classification.js';
import type { TargetCompletion } from '../rules/timeliness.js';
import type { FourGoodRating } from '../rules/four-good-cells.js';

// What a person asks a review to do. The API parses the HTTP body into these (shape and
// per-field ranges); the review machine checks the rest against the review's state.

export interface AssignTargetsCommand {
  actorId: string;
  targets: Array<{ title: string; description?: string | null; weight?: number | null; dueDate?: string | null }>;
}

export interface SubmitSelfAssessmentCommand {
  actorId: string;
  results: Array<{ targetIndex: number; achievement: number; comment?: string | null; completion?: TargetCompletion | null }>;
  generalScore?: number | null;
  proposedClassification: Classification;
  summary: string;
}

export interface SubmitReviewCommand {
  actorId: string;
  decision: 'approve' | 'return';
  classification?: Classification | null;
  generalScore?: number | null;
  comment: string;
  shortcomings?: string[] | null;
  /** Required with approve on a review that carries the four good criteria; refused otherwise. */
  fourGood?: FourGoodRating | null;
}

export interface SubmitRemediationPlanCommand {
  actorId: string;
  items: Array<{ action: string; dueDate: string }>;
}

export interface DecideRemediationCommand {
  actorId: string;
  decision: 'approve' | 'return';
  comment?: string | null;
}

/** The head of the managing unit's committee confirms or changes the approved classification. */
export interface CommitteeReviewCommand {
  actorId: string;
  decision: 'confirm' | 'change';
  /** Required with `change` (a classification other than the approved one); with `confirm` absent or the approved one. */
  classification?: Classification | null;
  comment: string;
}

/** Why a registry change moves a review to other people or another unit. */
/** `unit_merged`: the review's unit was merged into another; it continues with that unit's head. */
export type ReassignReason = 'transferred' | 'head_changed' | 'unit_merged';

/**
 * A registry import changed who acts on a review: the people and units it should have now.
 * Sent by the system on behalf of the importing administrator (`actorId`), not by a person.
 */
export interface ReassignReviewCommand {
  actorId: string;
  reason: ReassignReason;
  reviewerId: string;
  selfActorId: string;
  unitId: string;
  ownerUnitId: string;
  decidingUnitId: string | null;
  /**
   * How the delivery settled the owning unit before this command (absent on commands delivered
   * before issue #10): `adopted`, the unit named above already waits for the review; `kept`, it
   * refused (it no longer collects), so the review stays with its owner and deciding unit.
   */
  owner?: 'adopted' | 'kept';
  /**
   * The head of the managing unit now, for a review with a standing committee's review not decided
   * yet (absent: unchanged): a new head of that unit inherits the committee's review.
   */
  committeeReviewerId?: string;
}

/** A registry import struck the subject off: the review ends, its history is kept. */
export interface WithdrawReviewCommand {
  actorId: string;
  /** The person was struck off, or the review's unit dissolved or merged with nobody to take its collective review. */
  reason: 'struck_off' | 'unit_dissolved' | 'unit_merged';
}

export type ReviewCommand =
  | ({ kind: 'assign_targets' } & AssignTargetsCommand)
  | ({ kind: 'submit_self_assessment' } & SubmitSelfAssessmentCommand)
  | ({ kind: 'submit_review' } & SubmitReviewCommand)
  | ({ kind: 'submit_remediation_plan' } & SubmitRemediationPlanCommand)
  | ({ kind: 'decide_remediation' } & DecideRemediationCommand)
  | ({ kind: 'committee_review' } & CommitteeReviewCommand);

export const REVIEW_LIMITS = {
  targetsMin: 1,
  targetsMax: 50,
  remediationItemsMin: 1,
  remediationItemsMax: 30,
  achievementMax: 100,
  generalScoreMax: 30,
  weightTotal: 100,
} as const;
