import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, ErrorCode } from '../domain/errors.js';
import { toApplicationFailure } from '../temporal/failure-codec.js';
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
      await refuseIfCancelled(tx, state.reviewId);
      await insertReviewEvents(tx, [{ reviewId: state.reviewId, event }]);
      // An older transition arriving late must not reopen a task the newer one closed.
      if (await upsertNewerReview(tx, state)) await syncReviewTasks(tx, [state], event.at);
    });
  };
}

/**
 * A cancelled cycle's sweep closed the review in PostgreSQL before its workflow stopped: nothing
 * more is written (no event under a swept sequence number, no reopened row), and the workflow
 * is told so it does not move either. The row lock orders this against the sweep. The cycle's
 * own status counts too: a cancel's sweep runs in batches after the cycle is recorded cancelled.
 */
async function refuseIfCancelled(tx: EntityManager, reviewId: string): Promise<void> {
  const [row]: Array<{ status: string; cycle_status: string }> = await tx.query(
    'SELECT r.status, c.status AS cycle_status FROM reviews r JOIN cycles c ON c.id = r.cycle_id WHERE r.id = $1 FOR UPDATE OF r',
    [reviewId],
  );
  if (row?.status === 'cancelled' || row?.cycle_status === 'cancelled') {
    throw toApplicationFailure(new ConflictError(ErrorCode.Closed, 'The cycle was cancelled: this review takes no more actions.'));
  }
}
