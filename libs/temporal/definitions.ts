import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AssignTargetsCommand,
  DecideRemediationCommand,
  SubmitRemediationPlanCommand,
  SubmitReviewCommand,
  SubmitSelfAssessmentCommand,
} from '../domain/review/review-commands.js';
import type { ReviewState } from '../domain/review/review-state.js';
import type {
  CancelCycleCommand,
  CycleProgress,
  ReclassifyReviewCommand,
  ReportSubmitted,
  ReviewClosed,
  SubmitReportCommand,
  SubtreeLaunched,
  UnitProgress,
} from './workflow-inputs.js';

// Every message the workflows accept, defined once. Each human action is an Update: its
// validator refuses a wrong actor or step before anything is written, and its update id is the
// request's idempotency key. Updates return the review's state once projected to PostgreSQL.

export const assignTargetsUpdate = defineUpdate<ReviewState, [AssignTargetsCommand]>('assignTargets');
export const submitSelfAssessmentUpdate = defineUpdate<ReviewState, [SubmitSelfAssessmentCommand]>('submitSelfAssessment');
export const submitReviewUpdate = defineUpdate<ReviewState, [SubmitReviewCommand]>('submitReview');
export const submitRemediationPlanUpdate = defineUpdate<ReviewState, [SubmitRemediationPlanCommand]>('submitRemediationPlan');
export const decideRemediationUpdate = defineUpdate<ReviewState, [DecideRemediationCommand]>('decideRemediation');
export const reviewStateQuery = defineQuery<ReviewState>('reviewState');

export const reviewClosedSignal = defineSignal<[ReviewClosed]>('reviewClosed');
export const subtreeLaunchedSignal = defineSignal<[SubtreeLaunched]>('subtreeLaunched');
export const reportSubmittedSignal = defineSignal<[ReportSubmitted]>('reportSubmitted');
export const submitReportUpdate = defineUpdate<void, [SubmitReportCommand]>('submitReport');
export const reclassifyReviewUpdate = defineUpdate<ReviewState, [ReclassifyReviewCommand]>('reclassifyReview');
export const unitProgressQuery = defineQuery<UnitProgress>('unitProgress');

export const cancelCycleUpdate = defineUpdate<void, [CancelCycleCommand]>('cancelCycle');
export const cycleProgressQuery = defineQuery<CycleProgress>('cycleProgress');
