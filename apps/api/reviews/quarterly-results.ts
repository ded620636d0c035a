import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { ReviewState } from '../../../libs/domain/review/review-state.js';
import type { QuarterlyResultsSchema } from './review.schemas.js';

/** One quarterly result of the subject of a yearly review (issue #12), as the OpenAPI document states it. */
export type QuarterlyResult = z.infer<typeof QuarterlyResultsSchema>[number];

/**
 * For a review in a `year` cycle, the same subject's classified reviews in that year's quarterly
 * cycles (any root unit; cancelled cycles and cancelled or withdrawn reviews left out), quarter by
 * quarter; undefined for a review in any other period. One statement, as it runs on every review
 * read and every action's answer: the review's cycle, then the year's quarterly cycles and each
 * one's review of the subject by its unique index.
 */
export async function quarterlyResultsOf(db: DataSource, state: Pick<ReviewState, 'cycleId' | 'subject'>): Promise<QuarterlyResult[] | undefined> {
  const [cycle]: Array<{ results: QuarterlyResult[] | null }> = await db.query(
    `SELECT CASE WHEN y.period->>'kind' = 'year' THEN COALESCE((
              SELECT json_agg(json_build_object('quarter', (c.period->>'quarter')::int, 'classification', r.classification, 'reviewId', r.id, 'cycleId', c.id)
                              ORDER BY (c.period->>'quarter')::int, c.created_at, c.id)
                FROM cycles c JOIN reviews r ON r.cycle_id = c.id AND r.subject_type = $2 AND r.subject_id = $3
               WHERE c.year = y.year AND c.period->>'kind' = 'quarter' AND c.status <> 'cancelled'
                 AND r.status NOT IN ('cancelled', 'withdrawn') AND r.classification IS NOT NULL), '[]'::json) END AS results
       FROM cycles y WHERE y.id = $1`,
    [state.cycleId, state.subject.type, state.subject.id],
  );
  return cycle?.results ?? undefined;
}
