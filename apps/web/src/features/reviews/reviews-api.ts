import { useQuery } from '@tanstack/react-query';
import type { Classification } from '../../../../../libs/domain/classification';
import type { Step } from '../../../../../libs/domain/enums';
import type { RuleSetId } from '../../../../../libs/domain/rules/rule-set';
import type { TargetCompletion, Timeliness } from '../../../../../libs/domain/rules/timeliness';
import { TASK_COUNT_KEY } from '../../app/task-count';
import { api } from '../../lib/api-client';
import type { ApiError } from '../../lib/api-error';
import { useAction } from '../../lib/use-action';

// The review as GET /reviews/:id returns it (API.md plus the fields documented in /docs), and
// the writes of its five steps. Every write answers with the review after it took effect.

export interface Target {
  title: string;
  description: string | null;
  weight: number | null;
  /** YYYY-MM-DD, or null when none was set. */
  dueDate: string | null;
}

export interface TargetResult {
  targetIndex: number;
  achievement: number;
  comment: string | null;
  completion: TargetCompletion;
}

export interface SelfAssessment {
  results: TargetResult[];
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
}

export interface RemediationPlan {
  items: { action: string; dueDate: string }[];
  status: 'submitted' | 'approved' | 'returned';
  submittedAt: string;
  submittedBy: string;
  decisionComment: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface Review {
  id: string;
  cycleId: string;
  subject: { type: 'person' | 'unit'; id: string; name: string };
  unitId: string;
  reviewerId: string;
  selfActorId: string;
  step: Step;
  status: string;
  targets: Target[] | null;
  selfAssessment: SelfAssessment | null;
  review: ReviewDecision | null;
  remediationPlan: RemediationPlan | null;
  classification: Classification | null;
  score: number | null;
  ruleSet: RuleSetId;
  ruleSetVersion: number;
  /** The self-assessment's completion figures; null before one was sent. */
  timeliness: Timeliness | null;
  dueAt: string | null;
  deciding: { deciderId: string; proposerId: string; proposal: ReviewDecision | null } | null;
  updatedAt: string;
  /** Only on a review in a yearly cycle: the subject's results in that year's quarterly cycles. */
  quarterlyResults?: QuarterlyResult[];
}

export interface QuarterlyResult {
  quarter: number;
  classification: Classification;
  reviewId: string;
  cycleId: string;
}

export const reviewKey = (id: string) => ['review', id] as const;

export function useReview(id: string) {
  return useQuery<Review, ApiError>({ queryKey: reviewKey(id), queryFn: () => api.get<Review>(`/reviews/${encodeURIComponent(id)}`) });
}

/** A cycle's title for the page's header (participants may read the cycles they take part in). */
export function useCycleTitle(cycleId: string | undefined) {
  return useQuery<{ id: string; year: number; title: string | null }, ApiError>({
    queryKey: ['cycle', cycleId],
    queryFn: () => api.get(`/cycles/${encodeURIComponent(cycleId!)}`),
    enabled: cycleId !== undefined,
    staleTime: 300_000,
  });
}

export interface AssignTargetsBody {
  targets: { title: string; description?: string | null; weight?: number | null; dueDate?: string | null }[];
}
export interface SelfAssessmentBody {
  results: { targetIndex: number; achievement: number; comment?: string | null; completion?: TargetCompletion }[];
  generalScore?: number | null;
  proposedClassification: Classification;
  summary: string;
}
export interface ReviewDecisionBody {
  decision: 'approve' | 'return';
  classification?: Classification | null;
  generalScore?: number | null;
  comment: string;
  shortcomings?: string[];
}
export interface RemediationPlanBody {
  items: { action: string; dueDate: string }[];
}
export interface RemediationDecisionBody {
  decision: 'approve' | 'return';
  comment?: string | null;
}

type ActionPath = 'targets' | 'self-assessment' | 'review' | 'remediation-plan' | 'remediation-decision';

/**
 * One step's write. Afterwards the review, the inbox and its count are read again (the task moved
 * to someone else); the review itself is put in the cache from the answer at once.
 */
export function useReviewAction<TBody>(reviewId: string, path: ActionPath, onDone?: (review: Review) => void) {
  return useAction<TBody, Review>((body, key) => api.post<Review>(`/reviews/${encodeURIComponent(reviewId)}/${path}`, body, { idempotencyKey: key }), {
    invalidate: [reviewKey(reviewId), ['tasks'], TASK_COUNT_KEY, ['my-reviews']],
    onSuccess: onDone,
  });
}
