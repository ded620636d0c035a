import type { Classification } from '../classification.js';

// What a person asks a review to do. The API parses the HTTP body into these (shape and
// per-field ranges); the review machine checks the rest against the review's state.

export interface AssignTargetsCommand {
  actorId: string;
  targets: Array<{ title: string; description?: string | null; weight?: number | null }>;
}

export interface SubmitSelfAssessmentCommand {
  actorId: string;
  results: Array<{ targetIndex: number; achievement: number; comment?: string | null }>;
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

export type ReviewCommand =
  | ({ kind: 'assign_targets' } & AssignTargetsCommand)
  | ({ kind: 'submit_self_assessment' } & SubmitSelfAssessmentCommand)
  | ({ kind: 'submit_review' } & SubmitReviewCommand)
  | ({ kind: 'submit_remediation_plan' } & SubmitRemediationPlanCommand)
  | ({ kind: 'decide_remediation' } & DecideRemediationCommand);

export const REVIEW_LIMITS = {
  targetsMin: 1,
  targetsMax: 50,
  remediationItemsMin: 1,
  remediationItemsMax: 30,
  achievementMax: 100,
  generalScoreMax: 30,
  weightTotal: 100,
} as const;
