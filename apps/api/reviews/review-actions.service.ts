import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Principal } from '../../../libs/auth/principal.js';
import type { Classification } from '../../../libs/domain/classification.js';
import { ConflictError, DomainError, ErrorCode } from '../../../libs/domain/errors.js';
import type { ReviewState } from '../../../libs/domain/review/review-state.js';
import { requireActor } from '../../../libs/domain/review/review-guards.js';
import { reclassifyReviewUpdate, REVIEW_ACTION_KINDS } from '../../../libs/temporal/definitions.js';
import { unitWorkflowId } from '../../../libs/temporal/workflow-ids.js';
import type { RequestTimings } from '../http/request-timings.js';
import { throughTemporal } from '../http/temporal-errors.js';
import { ReviewReader, type ReviewAnswer } from './review-reader.service.js';

/**
 * A person's action on a review, as a Workflow Update on the review's workflow. The workflow's
 * validator refuses a wrong actor (403), a wrong step (409) or content that does not fit the
 * review (400) before anything is written; the update returns once PostgreSQL shows the result.
 */
@Injectable()
export class ReviewActions {
  constructor(
    private readonly temporal: Client,
    private readonly reader: ReviewReader,
  ) {}

  async perform<C extends object>(
    principal: Principal,
    reviewId: string,
    update: UpdateDefinition<ReviewState, [C & { actorId: string }]>,
    command: C,
    updateId: string | undefined,
    timings?: RequestTimings,
  ): Promise<ReviewAnswer> {
    const state = await measured(timings, 'review-read', () => this.reader.visibleState(principal, reviewId));
    // A closed review's workflow may be gone, and Temporal would answer 409 to anyone: who may
    // act is answered first, here (an open review's workflow checks it, in the same order).
    const kind = REVIEW_ACTION_KINDS[update.name];
    if (state.status !== 'open' && kind) requireActor(state, kind, principal.actorId);
    const next = await measured(timings, 'workflow-update', () =>
      throughTemporal(
        () =>
          this.temporal.workflow.getHandle(state.workflowId).executeUpdate(update, {
            args: [{ ...command, actorId: principal.actorId }],
            updateId,
          }),
        'This review is closed.',
      ).catch((error: unknown) => this.closedMeanwhile(principal, reviewId, error)),
    );
    return measured(timings, 'review-answer', () => this.reader.viewOf(next));
  }

  /**
   * A cancel's sweep closes the review in PostgreSQL, then stops its workflow: an action caught
   * in between fails inside Temporal with no domain error (the workflow was cancelled under it).
   * If PostgreSQL now shows the review closed, that is the answer (409); otherwise the failure stands.
   */
  private async closedMeanwhile(principal: Principal, reviewId: string, error: unknown): Promise<never> {
    if (error instanceof DomainError) throw error;
    const now = await this.reader.visibleState(principal, reviewId).catch(() => null);
    if (now && now.status !== 'open' && now.status !== 'done') throw new ConflictError(ErrorCode.Closed, `This review was ${now.status}.`);
    throw error;
  }

  /**
   * Calibration goes to the deciding unit's workflow, which owns the quota: its validator refuses
   * anyone but the unit's head and a report that does not need calibration; the review itself
   * is checked (done, only lowering) when the change is written.
   */
  async reclassify(
    principal: Principal,
    reviewId: string,
    command: { classification: Classification; comment: string },
    updateId: string | undefined,
    timings?: RequestTimings,
  ): Promise<ReviewAnswer> {
    const state = await measured(timings, 'review-read', () => this.reader.visibleState(principal, reviewId));
    if (state.decidingUnitId === null) throw new ConflictError(ErrorCode.WrongStep, 'This review is decided outside the cycle and has no quota group.');
    const next = await measured(timings, 'workflow-update', () =>
      throughTemporal(
        () =>
          this.temporal.workflow.getHandle(unitWorkflowId(state.cycleId, state.decidingUnitId!)).executeUpdate(reclassifyReviewUpdate, {
            args: [{ ...command, reviewId, actorId: principal.actorId }],
            updateId,
          }),
        "The deciding unit's report was already submitted.",
      ),
    );
    return measured(timings, 'review-answer', () => this.reader.viewOf(next));
  }
}

/** Times a phase when the caller keeps the request's timings (the HTTP routes do). */
function measured<T>(timings: RequestTimings | undefined, phase: string, work: () => Promise<T>): Promise<T> {
  return timings ? timings.time(phase, work) : work();
}
