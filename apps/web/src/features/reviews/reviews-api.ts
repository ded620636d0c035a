import { useQuery } from '@tanstack/react-query';
import { TASK_COUNT_KEY } from '../../app/task-count';
import { api } from '../../lib/api-client';
import type { ApiError } from '../../lib/api-error';
import type { ApiBody, ApiSchema } from '../../lib/api-types';
import { useAction } from '../../lib/use-action';

// The review as GET /reviews/:id returns it (API.md plus the fields documented in /docs), and
// the writes of its five steps. Every write answers with the review after it took effect.

/** GET /reviews/:id, the answer of every step's write too (the document's Review schema). */
export type Review = ApiSchema<'Review'>;
export type Target = NonNullable<Review['targets']>[number];
export type SelfAssessment = NonNullable<Review['selfAssessment']>;
export type TargetResult = SelfAssessment['results'][number];
export type ReviewDecision = NonNullable<Review['review']>;
export type RemediationPlan = NonNullable<Review['remediationPlan']>;
export type QuarterlyResult = NonNullable<Review['quarterlyResults']>[number];

export const reviewKey = (id: string) => ['review', id] as const;

export function useReview(id: string) {
  return useQuery<Review, ApiError>({ queryKey: reviewKey(id), queryFn: () => api.get<Review>(`/reviews/${encodeURIComponent(id)}`) });
}

/** A cycle's title for the page's header (participants may read the cycles they take part in). */
export function useCycleTitle(cycleId: string | undefined) {
  return useQuery<ApiSchema<'Cycle'>, ApiError>({
    queryKey: ['cycle', cycleId],
    queryFn: () => api.get(`/cycles/${encodeURIComponent(cycleId!)}`),
    enabled: cycleId !== undefined,
    staleTime: 300_000,
  });
}

/** The bodies of the five steps, as the document states them (the same zod schemas the API validates with). */
export type AssignTargetsBody = ApiBody<'ReviewsController_assignTargets'>;
export type SelfAssessmentBody = ApiBody<'ReviewsController_selfAssess'>;
export type ReviewDecisionBody = ApiBody<'ReviewsController_review'>;
export type RemediationPlanBody = ApiBody<'ReviewsController_remediationPlan'>;
export type RemediationDecisionBody = ApiBody<'ReviewsController_remediationDecision'>;
export type CommitteeReviewBody = ApiBody<'ReviewsController_committeeReview'>;
export type CommitteeReview = NonNullable<Review['committee']>;

type ActionPath = 'targets' | 'self-assessment' | 'review' | 'remediation-plan' | 'remediation-decision' | 'committee-review';

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
