import type { CycleCalendar } from '../calendar.js';
import type { Classification } from '../classification.js';
import type { ReviewStatus, Step, SubjectType, TaskKind } from '../enums.js';
import type { SubjectFacts } from '../rules/conditions.js';
import type { RuleSetId } from '../rules/rule-set.js';
import type { TargetCompletion } from '../rules/timeliness.js';
import type { CellCriteriaSet, FourGoodResult } from '../rules/four-good-cells.js';

export interface SubjectRef {
  type: SubjectType;
  id: string;
  name: string;
}

export interface Target {
  title: string;
  description: string | null;
  weight: number | null;
  /** When the task is due (ISO date); null when the reviewer set none. */
  dueDate: string | null;
}

export interface TargetResultEntry {
  targetIndex: number;
  achievement: number;
  comment: string | null;
  /** On time, late or not completed (default on time when the client sent none). */
  completion: TargetCompletion;
}

export interface SelfAssessment {
  results: TargetResultEntry[];
  generalScore: number | null;
  proposedClassification: Classification;
  summary: string;
  submittedAt: string;
  submittedBy: string;
}

export interface ReviewDecision {
  decision: 'approve' | 'return';
  classification: Classification | null;
  generalScore: number | null;
  comment: string;
  shortcomings: string[];
  reviewerId: string;
  decidedAt: string;
  /** The four good criteria as the reviewer rated them (a cell's collective review in a cycle with the set). */
  fourGood?: FourGoodResult;
}

export interface RemediationItem {
  action: string;
  dueDate: string;
}

export interface RemediationPlan {
  items: RemediationItem[];
  status: 'submitted' | 'approved' | 'returned';
  submittedAt: string;
  submittedBy: string;
  decisionComment: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
}

/**
 * A deciding review one level up: the proposer's approval is recorded as a proposal and the
 * review moves to the decider, whose approval finishes the step.
 */
export interface DecidingReview {
  deciderId: string;
  proposerId: string;
  proposal: ReviewDecision | null;
}

/**
 * An extra review by the standing committee of a higher unit (reg 366 Art. 10–11): the subject is
 * flagged in the registry as managed by that unit's committee, whose head confirms or changes the
 * classification once the normal deciding review approved it (`standing-committee-review-v1`).
 * `waiting`: the normal review has not approved yet; `pending`: the committee head's turn (the step
 * stays `superior_review`, the normal decision in `review`); `decided`: its decision is final.
 */
export interface CommitteeReview {
  /** The managing unit, whose head reviews. */
  unitId: string;
  reviewerId: string;
  status: 'waiting' | 'pending' | 'decided';
  decision: CommitteeDecision | null;
}

export interface CommitteeDecision {
  decision: 'confirm' | 'change';
  /** The classification the normal deciding review approved. */
  from: Classification;
  /** The final classification: `from` when confirmed. */
  classification: Classification;
  comment: string;
  reviewerId: string;
  decidedAt: string;
}

/** The one task a review has open at a time, in the inbox of whoever must act next. */
export interface OpenTask {
  id: string;
  kind: TaskKind;
  assigneeId: string;
  dueAt: string;
  createdAt: string;
  /** When the task can be acted on, if later than its creation (self-assessment opens on a date). */
  opensAt?: string;
  /** The notices already sent about this task (reminder, overdue, escalation). */
  notices?: NoticeKind[];
}

/** Notices about an open task: before its due date, at it, and to the assignee's head after it. */
export const NOTICE_KINDS = ['reminder', 'overdue', 'escalation'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Everything a subject's review knows. Held by its workflow; projected to PostgreSQL. */
export interface ReviewState {
  reviewId: string;
  cycleId: string;
  workflowId: string;
  subject: SubjectRef;
  unitId: string;
  ownerUnitId: string;
  decidingUnitId: string | null;
  reviewerId: string;
  selfActorId: string;
  ruleSetId: RuleSetId;
  /** The rule set's version the review was launched with; absent (launched before versions were stored) means 1. */
  ruleSetVersion?: number;
  calendar: CycleCalendar;
  /**
   * Set on reviews launched since the calendar became durable timers: their steps open at the
   * calendar's dates and their tasks send notices. Reviews launched before keep the old behaviour,
   * so recorded histories replay unchanged.
   */
  calendarTimed?: boolean;
  /**
   * Set on reviews of cycles created since cycle-notice-sweep-v1: the cycle's sweep sends this
   * review's notices (recorded in review_notices, not in this state: `task.notices` stays empty);
   * the review's own timers only open steps at their date.
   */
  noticeSweep?: boolean;
  status: ReviewStatus;
  step: Step;
  targets: Target[] | null;
  selfAssessment: SelfAssessment | null;
  review: ReviewDecision | null;
  remediationPlan: RemediationPlan | null;
  classification: Classification | null;
  score: number | null;
  task: OpenTask | null;
  /** Sequence number of the last event; the projection applies a state only if it is newer. */
  seq: number;
  launchedAt: string;
  updatedAt: string;
  /** What the rule set's conditions read. Absent on reviews launched before rule sets: no band or condition applies to them. */
  facts?: SubjectFacts;
  /** Present when the rule set asks for a deciding review of this subject. */
  deciding?: DecidingReview;
  /** The criteria set the approval rates (a cell's collective review in a cycle launched with one). */
  cellCriteria?: CellCriteriaSet;
  /** Present when a higher unit's standing committee reviews the subject after the normal decision. */
  committee?: CommitteeReview;
}

export const REVIEW_EVENT_TYPES = [
  'review.launched',
  'targets.assigned',
  'self_assessment.submitted',
  'review.approved',
  'review.returned',
  'remediation.submitted',
  'remediation.approved',
  'remediation.returned',
  'review.cancelled',
  'step.opened',
  'calendar.changed',
  'task.reminded',
  'task.overdue',
  'task.escalated',
  'review.reassigned',
  'review.withdrawn',
  'review.proposed',
  'review.reclassified',
  'review.committee_decided',
] as const;
export type ReviewEventType = (typeof REVIEW_EVENT_TYPES)[number];

/** One entry of a review's history: who did what, when, with what. */
export interface ReviewEvent {
  seq: number;
  at: string;
  actorId: string;
  type: ReviewEventType;
  data: Record<string, unknown>;
}
