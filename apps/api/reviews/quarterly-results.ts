import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { Classification } from '../../../libs/domain/classification.js';
import type { CyclePeriod } from '../../../libs/domain/cycle-period.js';
import type { ReviewState } from '../../../libs/domain/review/review-state.js';
import type { QuarterlyResultsSchema } from './review.schemas.js';

/** One quarterly result of the subject of a yearly review (issue #12), as the OpenAPI document states it. */
export type QuarterlyResult = z.infer<typeof QuarterlyResultsSchema>[number];

/**
 * For a review in a `year` cycle, the same subject's classified reviews in that year's quarterly
 * cycles (any root unit; cancelled cycles and cancelled or withdrawn reviews left out), quarter by
 * quarter; undefined for a review in any other period. Read from the read model: the cycles of
 * the year first, then each one's review of the subject by its unique index.
 */
export async function quarterlyResultsOf(db: DataSource, state: Pick<ReviewState, 'cycleId' | 'subject'>): Promise<QuarterlyResult[] | undefined> {
  const [cycle]: Array<{ year: number; period: CyclePeriod }> = await db.query('SELECT year, period FROM cycles WHERE id = $1', [state.cycleId]);
  if (!cycle || cycle.period.kind !== 'year') return undefined;
  const rows: Array<{ quarter: number; classification: Classification; review_id: string; cycle_id: string }> = await db.query(
    `SELECT (c.period->>'quarter')::int AS quarter, r.classification, r.id AS review_id, c.id AS cycle_id
       FROM cycles c JOIN reviews r ON r.cycle_id = c.id AND r.subject_type = $2 AND r.subject_id = $3
      WHERE c.year = $1 AND c.period->>'kind' = 'quarter' AND c.status <> 'cancelled'
        AND r.status NOT IN ('cancelled', 'withdrawn') AND r.classification IS NOT NULL
      ORDER BY quarter, c.created_at, c.id`,
    [cycle.year, state.subject.type, state.subject.id],
  );
  return rows.map((r) => ({ quarter: r.quarter, classification: r.classification, reviewId: r.review_id, cycleId: r.cycle_id }));
}
