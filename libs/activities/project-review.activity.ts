import type { DataSource } from 'typeorm';
import type { ReviewEvent, ReviewState } from '../domain/review/review-state.js';
import { insertReviewEvents, syncReviewTasks, upsertNewerReview } from './review-rows.js';

/**
 * Writes one transition of a review to the read model: the state, the history entry and the
 * inbox, in one transaction. Run as a local activity from the update handler, so the HTTP
 * response that follows already reads the new state.
 */
export function makeProjectReview(db: DataSource) {
  return async function projectReview(transition: { state: ReviewState; event: ReviewEvent }): Promise<void> {
    const { state, event } = transition;
    await db.transaction(async (tx) => {
      await insertReviewEvents(tx, [{ reviewId: state.reviewId, event }]);
      // An older transition arriving late must not reopen a task the newer one closed.
      if (await upsertNewerReview(tx, state)) await syncReviewTasks(tx, [state], event.at);
    });
  };
}
