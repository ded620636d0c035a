import type { Step } from '../enums.js';
import { ConflictError, ErrorCode, ForbiddenError } from '../errors.js';
import type { ReviewState } from './review-state.js';

// The checks every action passes first, in this order: the review is open, the caller is the
// one who must act, the review is in the right step. Their errors map to 409, 403, 409.

export function requireOpen(state: ReviewState): void {
  if (state.status === 'done') throw new ConflictError(ErrorCode.AlreadyDone, 'This review is already done.');
  if (state.status !== 'open') throw new ConflictError(ErrorCode.Closed, `This review was ${state.status}.`);
}

export function requireReviewer(state: ReviewState, actorId: string, action: string): void {
  if (actorId !== state.reviewerId) {
    throw new ForbiddenError(`Only the reviewer (${state.reviewerId}) may ${action}.`);
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
