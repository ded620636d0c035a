import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Principal } from '../../../libs/auth/principal.js';
import type { ReviewState } from '../../../libs/domain/review/review-state.js';
import { reviewView, type ReviewView } from '../../../libs/domain/review/review-view.js';
import { throughTemporal } from '../http/temporal-errors.js';
import { ReviewReader } from './review-reader.service.js';

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
  ): Promise<ReviewView> {
    const state = await this.reader.visibleState(principal, reviewId);
    const next = await throughTemporal(
      () =>
        this.temporal.workflow.getHandle(state.workflowId).executeUpdate(update, {
          args: [{ ...command, actorId: principal.actorId }],
          updateId,
        }),
      'This review is closed.',
    );
    return reviewView(next);
  }
}
