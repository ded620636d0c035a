import { ConflictError, ErrorCode, ValidationError } from '../errors.js';
import type { CommitteeReviewCommand, ReassignReviewCommand } from './review-commands.js';
import { requireStep } from './review-guards.js';
import { record, ruleChecks, ruleSetOf, throwIfBroken, withTask, type DecideOptions, type Transition } from './transition.js';
import type { CommitteeReview, ReviewDecision, ReviewState } from './review-state.js';

// The standing committee's extra review (reg 366 Art. 10–11, `standing-committee-review-v1`): a
// subject the registry flags as managed by a higher unit's committee is decided as usual, then the
// head of that unit confirms or changes the classification. Until then the review stays in
// `superior_review` (API.md's steps are binding), with the committee head's `review` task open;
// the remediation plan, when required, follows the final classification.

/** Whether the committee head, not the deciding reviewer, acts next. */
export function awaitsCommittee(state: ReviewState): boolean {
  return state.committee?.status === 'pending';
}

/** The deciding reviewer cannot decide again while the committee reviews their decision (409). */
export function requireNotAwaitingCommittee(state: ReviewState): void {
  if (awaitsCommittee(state)) {
    throw new ConflictError(ErrorCode.WrongStep, `The decision is with the standing committee's review (${state.committee!.reviewerId}).`);
  }
}

/** The deciding review approved: recorded as the approval it is, and the committee head's task opens. */
export function awaitCommittee(state: ReviewState, decision: ReviewDecision, score: number | null, at: string): Transition {
  const committee = { ...state.committee!, status: 'pending' as const };
  const next = withTask({ ...state, review: decision, score, committee }, 'review', committee.reviewerId, state.seq + 1, at);
  return record(state, next, decision.reviewerId, 'review.approved', at, {
    ...decision,
    score,
    committeeReview: { unitId: committee.unitId, reviewerId: committee.reviewerId },
  });
}

/**
 * The committee head confirms the approved classification or changes it, bounded by the same
 * bands and conditions as the decision; the final classification decides whether a plan is due.
 */
export function decideCommitteeReview(state: ReviewState, command: CommitteeReviewCommand, at: string, options: DecideOptions): Transition {
  requireStep(state, 'superior_review', "give the standing committee's review");
  if (!awaitsCommittee(state)) {
    const why = state.committee!.status === 'decided' ? 'it has already decided' : 'the deciding review has not approved a classification yet';
    throw new ConflictError(ErrorCode.WrongStep, `The standing committee cannot review now: ${why}.`);
  }
  const approved = state.review!;
  const from = approved.classification!;
  const asked = command.classification ?? null;
  if (command.decision === 'change' && (asked === null || asked === from)) {
    throw new ValidationError([{ path: 'classification', message: `a change needs a classification other than the approved ${from}` }]);
  }
  if (command.decision === 'confirm' && asked !== null && asked !== from) {
    throw new ValidationError([{ path: 'classification', message: `confirm keeps the approved ${from}; use decision 'change' to change it` }]);
  }
  const classification = command.decision === 'change' ? asked! : from;
  throwIfBroken(ruleChecks(state, state.score, state.selfAssessment!.results, classification, 'classification', options));

  const decision = { decision: command.decision, from, classification, comment: command.comment, reviewerId: command.actorId, decidedAt: at };
  const needsPlan = ruleSetOf(state).remediationFor.includes(classification) || approved.shortcomings.length > 0;
  const decided = { ...state, classification, committee: { ...state.committee!, status: 'decided' as const, decision } };
  const next = needsPlan
    ? withTask({ ...decided, step: 'remediation_plan' as const }, 'submit_remediation', state.selfActorId, state.seq + 1, at)
    : { ...decided, step: 'done' as const, status: 'done' as const, task: null };
  return record(state, next, command.actorId, 'review.committee_decided', at, { ...decision, score: state.score, remediationRequired: needsPlan });
}

/** The committee with the managing unit's new head, when a registry change names one before it decided; else null. */
export function committeeHandover(state: ReviewState, command: ReassignReviewCommand): CommitteeReview | null {
  const reviewerId = command.committeeReviewerId;
  if (!state.committee || state.committee.status === 'decided' || reviewerId === undefined || reviewerId === state.committee.reviewerId) return null;
  return { ...state.committee, reviewerId };
}
