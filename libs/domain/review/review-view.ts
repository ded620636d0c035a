import { DEFAULT_COMPLETION, timelinessOf } from '../rules/timeliness.js';
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
    // Reviews stored before due dates and completion statuses read with their defaults.
    targets: state.targets?.map((t) => ({ ...t, dueDate: t.dueDate ?? null })) ?? null,
    selfAssessment: state.selfAssessment
      ? { ...state.selfAssessment, results: state.selfAssessment.results.map((r) => ({ ...r, completion: r.completion ?? DEFAULT_COMPLETION })) }
      : null,
    review: state.review,
    remediationPlan: state.remediationPlan,
    classification: state.classification,
    score: state.score,
    ruleSet: state.ruleSetId,
    /** The rule set's version the cycle was launched with (1 for reviews launched before versions). */
    ruleSetVersion: state.ruleSetVersion ?? 1,
    /** The self-assessment's completion figures ("4/5 on time, 1 late (20%)"); null before one was sent. */
    timeliness: state.selfAssessment ? timelinessOf(state.selfAssessment.results) : null,
    dueAt: state.task?.dueAt ?? null,
    /** The deciding review one level up, when the rule set asks for one: decider, proposer, the proposal. */
    deciding: state.deciding ?? null,
    /** The criteria set the approval rates (four good cells); null on every other review. */
    cellCriteria: state.cellCriteria ?? null,
    /** The standing committee's extra review, when the registry flags the subject: who, its status, its decision. */
    committee: state.committee ?? null,
    workflowId: state.workflowId,
    launchedAt: state.launchedAt,
    updatedAt: state.updatedAt,
  };
}

export type ReviewView = ReturnType<typeof reviewView>;
