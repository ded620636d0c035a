import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../libs/auth/principal.js';
import { ForbiddenError, NotFoundError } from '../../../libs/domain/errors.js';
import type { Classification } from '../../../libs/domain/classification.js';
import type { ReviewStatus, Step } from '../../../libs/domain/enums.js';
import type { ReviewState } from '../../../libs/domain/review/review-state.js';
import { reviewView } from '../../../libs/domain/review/review-view.js';
import { AccessService } from '../access/access.service.js';
import { CyclesService } from '../cycles/cycles.service.js';
import { SqlParams } from '../access/sql-params.js';
import { decodeCursor, pageOf } from '../http/pagination.js';
import type { ListReviewsQueryType } from './review.schemas.js';
import { quarterlyResultsOf } from './quarterly-results.js';
import type { ReviewResponse } from './review.responses.js';

/** A review as the API answers it (reviewView) with the quarterly results of a yearly review: the document's Review schema. */
export type ReviewAnswer = ReviewResponse;

export interface ReviewListRow {
  id: string;
  subject_type: 'person' | 'unit';
  subject_id: string;
  subject_name: string;
  unit_id: string;
  step: Step;
  status: ReviewStatus;
  reviewer_id: string;
  classification: Classification | null;
  score: number | null;
  due_at: Date | null;
}

/** Reads of the review read model, filtered to what the caller may see. */
@Injectable()
export class ReviewReader {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly cycles: CyclesService,
  ) {}

  /** The review's state if the caller may see it; 404 otherwise. */
  async visibleState(principal: Principal, reviewId: string, forHistory = false): Promise<ReviewState> {
    const p = new SqlParams();
    const id = p.add(reviewId);
    const visible = forHistory ? this.access.reviewHistoryVisible(principal, p) : this.access.reviewVisible(principal, p);
    const [row]: Array<{ state: ReviewState }> = await this.db.query(
      `SELECT r.state FROM reviews r LEFT JOIN units u ON u.id = r.unit_id WHERE r.id = ${id} AND ${visible}`,
      p.values,
    );
    if (!row && forHistory) {
      await this.visibleState(principal, reviewId); // 404 unless the caller sees the review at all
      throw new ForbiddenError("Only administrators and auditors of the scope and the subject side may read a review's history.");
    }
    if (!row) throw new NotFoundError('Review', reviewId);
    return row.state;
  }

  async get(principal: Principal, reviewId: string) {
    return this.viewOf(await this.visibleState(principal, reviewId));
  }

  /** The review as GET /reviews/:id and every action answer it: one in a yearly cycle also shows the subject's quarterly results of that year. */
  async viewOf(state: ReviewState): Promise<ReviewAnswer> {
    const quarterlyResults = await quarterlyResultsOf(this.db, state);
    return { ...reviewView(state), ...(quarterlyResults ? { quarterlyResults } : {}) };
  }

  async listForCycle(principal: Principal, cycleId: string, query: ListReviewsQueryType) {
    await this.cycles.findVisible(principal, cycleId); // an unknown or unseen cycle is a 404, not an empty list
    const p = new SqlParams();
    const after = decodeCursor(query.cursor);
    const cycle = p.add(cycleId);
    const filters = [`r.cycle_id = ${cycle}`, this.access.reviewVisible(principal, p)];
    const scope = this.access.readScope(principal);
    if (scope !== 'all' && scope.length === 0) {
      // Neither admin nor auditor: only the reviews they are the subject, reviewer or self-assessor of,
      // or whose unit they head. The same rows reviewVisible admits, found through indexes
      // (reviews_subject_unique, reviews_reviewer_idx, reviews_self_actor_idx, units_head_idx +
      // reviews_unit_idx) instead of testing the OR on every review of the cycle (issue #11 goal 5).
      const actor = p.add(principal.actorId);
      filters.push(`r.id IN (
        SELECT m.id FROM reviews m WHERE m.cycle_id = ${cycle} AND m.subject_type = 'person' AND m.subject_id = ${actor}
        UNION SELECT m.id FROM reviews m WHERE m.reviewer_id = ${actor} AND m.cycle_id = ${cycle}
        UNION SELECT m.id FROM reviews m WHERE m.self_actor_id = ${actor} AND m.cycle_id = ${cycle}
        UNION SELECT m.id FROM reviews m WHERE m.committee_reviewer_id = ${actor} AND m.cycle_id = ${cycle}
        UNION SELECT m.id FROM units hu JOIN reviews m ON m.cycle_id = ${cycle} AND m.unit_id = hu.id WHERE hu.head_id = ${actor})`);
    }
    if (query.unitId) filters.push(`r.unit_id = ${p.add(query.unitId)}`);
    if (query.step) filters.push(`r.step = ${p.add(query.step)}`);
    if (query.status) filters.push(`r.status = ${p.add(query.status)}`);
    if (query.subjectType) filters.push(`r.subject_type = ${p.add(query.subjectType)}`);
    if (query.subjectId) filters.push(`r.subject_id = ${p.add(query.subjectId === 'me' ? principal.actorId : query.subjectId)}`);
    if (after) filters.push(`r.id > ${p.add(after[0])}`);
    const rows: ReviewListRow[] = await this.db.query(
      `SELECT r.id, r.subject_type, r.subject_id, r.subject_name, r.unit_id, r.step, r.status, r.reviewer_id,
              r.classification, r.score, r.due_at
         FROM reviews r LEFT JOIN units u ON u.id = r.unit_id
        WHERE ${filters.join(' AND ')} ORDER BY r.id LIMIT ${p.add(query.limit + 1)}`,
      p.values,
    );
    return pageOf(rows, query.limit, (r) => [r.id], listItem);
  }
}

function listItem(r: ReviewListRow) {
  return {
    id: r.id,
    subject: { type: r.subject_type, id: r.subject_id, name: r.subject_name },
    unitId: r.unit_id,
    step: r.step,
    status: r.status,
    reviewerId: r.reviewer_id,
    classification: r.classification,
    score: r.score,
    dueAt: r.due_at?.toISOString() ?? null,
  };
}
