import type { ReviewState } from './review-state.js';

/** A review as `GET /reviews/:id` returns it (API.md), with the extra fields documented in /docs. */
export function reviewView(state: ReviewState) {
  return {
    id: state.reviewId,
    cycleId: state.cycleId,
    subject: state.subject,
    unitId: state.unitId,
    reviewerId: state.reviewerId,
    selfActorId: state.selfActorId,
    step: state.step,
    status: state.status,
    targets: state.targets,
    selfAssessment: state.selfAssessment,
    review: state.review,
    remediationPlan: state.remediationPlan,
    classification: state.classification,
    score: state.score,
    ruleSet: state.ruleSetId,
    dueAt: state.task?.dueAt ?? null,
    /** The deciding review one level up, when the rule set asks for one: decider, proposer, the proposal. */
    deciding: state.deciding ?? null,
    workflowId: state.workflowId,
    launchedAt: state.launchedAt,
    updatedAt: state.updatedAt,
  };
}

export type ReviewView = ReturnType<typeof reviewView>;
