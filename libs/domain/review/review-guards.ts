import type { Step } from '../enums.js';
import { ConflictError, ErrorCode, ForbiddenError } from '../errors.js';
import type { ReviewCommand } from './review-commands.js';
import type { ReviewState } from './review-state.js';

// The checks every action passes first, in this order: the caller is the one who must act, the
// review is open, the review is in the right step. Their errors map to 403, 409, 409: who may act
// is answered before what state the review is in.

/** Who acts for each action (API.md "Who acts"), and the words a refusal uses. */
const ACTORS: Record<ReviewCommand['kind'], { side: 'reviewer' | 'subject' | 'committee'; action: string }> = {
  assign_targets: { side: 'reviewer', action: 'assign targets' },
  submit_self_assessment: { side: 'subject', action: 'submit the self-assessment' },
  submit_review: { side: 'reviewer', action: 'review' },
  submit_remediation_plan: { side: 'subject', action: 'submit the remediation plan' },
  decide_remediation: { side: 'reviewer', action: 'decide on the remediation plan' },
  committee_review: { side: 'committee', action: "give the standing committee's review" },
};

/** 403 unless the caller is the one who must act for this kind of action. */
export function requireActor(state: ReviewState, kind: ReviewCommand['kind'], actorId: string): void {
  const { side, action } = ACTORS[kind];
  if (side === 'reviewer') requireReviewer(state, actorId, action);
  else if (side === 'committee') requireCommitteeReviewer(state, actorId, action);
  else requireSubjectSide(state, actorId, action);
}

export function requireOpen(state: ReviewState): void {
  if (state.status === 'done') throw new ConflictError(ErrorCode.AlreadyDone, 'This review is already done.');
  if (state.status !== 'open') throw new ConflictError(ErrorCode.Closed, `This review was ${state.status}.`);
}

export function requireReviewer(state: ReviewState, actorId: string, action: string): void {
  if (actorId !== state.reviewerId) {
    throw new ForbiddenError(`Only the reviewer (${state.reviewerId}) may ${action}.`);
  }
}

/** The head of the managing unit; a review without a committee review has nobody who may. */
export function requireCommitteeReviewer(state: ReviewState, actorId: string, action: string): void {
  if (!state.committee) throw new ForbiddenError(`Nobody may ${action}: this review has no standing committee review.`);
  if (actorId !== state.committee.reviewerId) {
    throw new ForbiddenError(`Only the head of the managing unit's committee (${state.committee.reviewerId}) may ${action}.`);
  }
}

export function requireSubjectSide(state: ReviewState, actorId: string, action: string): void {
  if (actorId !== state.selfActorId) {
    const who = state.subject.type === 'person' ? 'the subject' : "the unit's head";
    throw new ForbiddenError(`Only ${who} (${state.selfActorId}) may ${action}.`);
  }
}

export function requireStep(state: ReviewState, step: Step, action: string): void {
  if (state.step !== step) {
    throw new ConflictError(ErrorCode.WrongStep, `Cannot ${action}: the review is in step '${state.step}', not '${step}'.`);
  }
}

/** A step that opens on a calendar date cannot be acted on before it (409 with the date). */
export function requireTaskOpened(state: ReviewState, at: string): void {
  const opensAt = state.task?.opensAt;
  if (opensAt !== undefined && Date.parse(at) < Date.parse(opensAt)) {
    throw new ConflictError(ErrorCode.NotOpenYet, `The ${state.step.replace('_', '-')} step opens at ${opensAt}.`);
  }
}
