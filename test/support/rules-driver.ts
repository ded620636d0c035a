import assert from 'node:assert/strict';
import type { Classification } from '../../libs/domain/classification.js';
import type { ApiClient, ApiResponse } from './api-client.js';
import type { Participants } from './participants.js';
import { allReviews, type ReviewSummary } from './review-driver.js';

/** A score as reg 366 computes it from one target of weight 100: generalScore + 0.7 × achievement. */
export interface ScoreInput {
  generalScore: number;
  achievement: number;
}

export function ok(res: ApiResponse, what: string): void {
  assert.equal(res.status, 200, `${what}: ${JSON.stringify(res.body)}`);
}

/** The review of a subject, found among the cycle's reviews. */
export async function reviewOf(admin: ApiClient, cycleId: string, subjectId: string, type = 'person'): Promise<ReviewSummary> {
  const found = (await allReviews(admin, cycleId)).find((r) => r.subject.id === subjectId && r.subject.type === type);
  assert.ok(found, `no review of ${type} ${subjectId}`);
  return found;
}

export async function assignOneTarget(people: Participants, review: ReviewSummary): Promise<void> {
  ok(await (await people.as(review.reviewerId)).post(`/reviews/${review.id}/targets`, { targets: [{ title: 'Tasks of the year', weight: 100 }] }), 'targets');
}

export async function selfAssess(people: Participants, review: ReviewSummary, proposed: Classification, score: ScoreInput | null): Promise<ApiResponse> {
  return (await people.as(review.selfActorId)).post(`/reviews/${review.id}/self-assessment`, {
    results: [{ targetIndex: 0, achievement: score?.achievement ?? 100 }],
    ...(score ? { generalScore: score.generalScore } : {}),
    proposedClassification: proposed,
    summary: 'The year as it went',
  });
}

export async function approve(people: Participants, reviewId: string, reviewerId: string, classification: Classification, shortcomings?: string[]): Promise<ApiResponse> {
  return (await people.as(reviewerId)).post(`/reviews/${reviewId}/review`, { decision: 'approve', classification, comment: 'Reviewed', ...(shortcomings ? { shortcomings } : {}) });
}

/** Targets → self-assessment → approval → plan when required, with a chosen score (null: unscored rule set). */
export async function completeWithScore(people: Participants, review: ReviewSummary, classification: Classification, score: ScoreInput | null = { generalScore: 30, achievement: 100 }) {
  await assignOneTarget(people, review);
  ok(await selfAssess(people, review, classification, score), 'self-assessment');
  const approved = await approve(people, review.id, review.reviewerId, classification);
  ok(approved, 'review');
  if (approved.body.step === 'remediation_plan') {
    ok(await (await people.as(review.selfActorId)).post(`/reviews/${review.id}/remediation-plan`, { items: [{ action: 'Improve', dueDate: '2027-06-30' }] }), 'plan');
    ok(await (await people.as(review.reviewerId)).post(`/reviews/${review.id}/remediation-decision`, { decision: 'approve' }), 'plan decision');
  }
}
