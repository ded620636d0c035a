import type { CycleCalendar } from '../domain/calendar.js';
import type { ClassificationCounts } from '../domain/report-counts.js';
import type { Classification } from '../domain/classification.js';
import type { ReviewStatus } from '../domain/enums.js';
import type { ReviewState } from '../domain/review/review-state.js';

export interface ReviewCycleInput {
  cycleId: string;
  rootUnitId: string;
  /** The cycle sweeps its reviews' notices (cycles created since cycle-notice-sweep-v1); absent: each review sends its own. */
  noticeSweep?: boolean;
}

export interface UnitReviewInput {
  cycleId: string;
  unitId: string;
  parentUnitId: string | null;
  /** Who is told when this unit's subtree is launched and when its report is in. */
  parentWorkflowId: string;
  /** Progress carried over when the workflow continues as new. */
  carry?: UnitCarry;
}

export type UnitPhase = 'launching' | 'collecting' | 'calibration_needed' | 'preparing' | 'ready' | 'submitted';

export interface UnitCarry {
  phase: UnitPhase;
  headId: string | null;
  /** reviewId → workflowId of reviews not closed yet. */
  pendingReviews: Array<[string, string]>;
  /** Child units whose report is not in yet. */
  pendingChildren: string[];
  /** Child units whose own subtree has not finished launching. */
  unlaunchedChildren: string[];
  launchNoticeSent: boolean;
  toArchive: string[];
  /** Units created under this one mid-cycle: their workflows to start, and every one ever added. */
  childrenToStart?: string[];
  addedChildren?: string[];
  /** Ids of the adoptions this unit accepted (adoptReview updates), so a repeated one changes nothing. */
  adoptions?: string[];
  /** The unit was merged or dissolved and accepted to retire (unit-mergers-v1): it ends without a report. */
  retired?: boolean;
  /** Since retire-ready-unit-v1: who retired it and how; reviews it still owns at the end are reported by them. */
  retiredBy?: UnitRetiring;
  /** The parent this unit reports to since it moved mid-cycle (unit-mergers-v1); absent: the input's. */
  parentWorkflowId?: string;
}

export interface SubjectReviewInput {
  /** The review as launched (already projected); the workflow carries it from here. */
  state: ReviewState;
  /** The unit workflow told when the review closes. */
  ownerWorkflowId: string;
}

export interface ReviewClosed {
  reviewId: string;
  workflowId: string;
  status: ReviewStatus;
  classification: Classification | null;
}

export interface SubtreeLaunched {
  unitId: string;
}

export interface ReportSubmitted {
  unitId: string;
  submittedAt: string;
  submittedBy: string;
  people: ClassificationCounts;
  units: ClassificationCounts;
}

export interface SubmitReportCommand {
  actorId: string;
  summary: string;
}

export interface CancelCycleCommand {
  actorId: string;
  reason: string;
}

/** What a bulk Update answers: the operation that carries on after it. */
export interface OperationStarted {
  operationId: string;
}

export type OperationKind = 'calendar_move' | 'cycle_cancel';

export interface BulkOperationInput {
  operationId: string;
}

export interface CycleProgress {
  status: 'launching' | 'running' | 'completed' | 'cancelled';
}

export interface UnitProgress {
  unitId: string;
  phase: UnitPhase;
  pendingReviews: number;
  pendingChildren: number;
  headId: string | null;
}

export interface CalendarChanged {
  calendar: CycleCalendar;
  actorId: string;
}

/** A unit now waits for this review too (a new member's, or one transferred in). */
export interface ReviewAdopted {
  reviewId: string;
  workflowId: string;
}

/** Reviews offered to a unit in one Update (a transferred one, or a page's new members). */
export interface ReviewsOffered {
  reviews: ReviewAdopted[];
}

/** A unit no longer waits for this review: it was transferred to another unit. */
export interface ReviewReleased {
  reviewId: string;
}

export interface ChildUnitAdded {
  unitId: string;
}

export interface UnitReparented {
  parentUnitId: string;
  parentWorkflowId: string;
}

export interface UnitRetiring {
  status: 'merged' | 'dissolved';
  actorId: string;
}

export interface UnitHeadChanged {
  headId: string;
}

export interface RegistryChangesInput {
  /** Names the import (its idempotency key or request id); the ids of every delivery derive from it. */
  importId: string;
  /** The administrator who imported: the actor of every change in the reviews' histories. */
  actorId: string;
  /** The open cycles whose units the import touched. */
  cycleIds: string[];
}

/** Calibration: the deciding unit's head lowers a done review's classification to fit the quota. */
export interface ReclassifyReviewCommand {
  actorId: string;
  reviewId: string;
  classification: Classification;
  comment: string;
}
