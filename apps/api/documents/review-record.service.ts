import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../libs/auth/principal.js';
import { ForbiddenError } from '../../../libs/domain/errors.js';
import type { ReviewView } from '../../../libs/domain/review/review-view.js';
import { ReviewHistoryService } from '../reviews/review-history.service.js';
import { ReviewReader } from '../reviews/review-reader.service.js';

export interface ReviewRecord {
  review: ReviewView;
  unitName: string | null;
  cycle: { title: string; year: number } | null;
  /** Null when the caller may read the review but not its history (e.g. its reviewer: see GET /reviews/:id/history). */
  history: Array<{ seq: number; at: string; actorId: string; type: string }> | null;
  names: Map<string, string>;
}

/** A review and its history for the printed record, each under the access check of its JSON endpoint. */
@Injectable()
export class ReviewRecordService {
  constructor(
    private readonly db: DataSource,
    private readonly reader: ReviewReader,
    private readonly history: ReviewHistoryService,
  ) {}

  async load(principal: Principal, reviewId: string): Promise<ReviewRecord> {
    const review = await this.reader.get(principal, reviewId); // 404 exactly as GET /reviews/:id
    const history = await this.history.events(principal, reviewId).then(
      (h) => h.events,
      (error: unknown) => {
        if (error instanceof ForbiddenError) return null; // the history is not theirs to read
        throw error;
      },
    );
    const actorIds = new Set<string>(
      [
        review.reviewerId,
        review.selfActorId,
        review.selfAssessment?.submittedBy,
        review.review?.reviewerId,
        review.deciding?.deciderId,
        review.deciding?.proposerId,
        review.deciding?.proposal?.reviewerId,
        review.committee?.reviewerId,
        review.remediationPlan?.submittedBy,
        review.remediationPlan?.decidedBy,
        ...(history ?? []).map((e) => e.actorId),
      ].filter((id): id is string => typeof id === 'string'),
    );
    const people: Array<{ id: string; name: string }> = await this.db.query('SELECT id, name FROM people WHERE id = ANY($1::text[])', [[...actorIds]]);
    const [unit]: Array<{ name: string }> = await this.db.query('SELECT name FROM units WHERE id = $1', [review.unitId]);
    const [cycle]: Array<{ title: string; year: number }> = await this.db.query('SELECT title, year FROM cycles WHERE id = $1', [review.cycleId]);
    return { review, unitName: unit?.name ?? null, cycle: cycle ?? null, history, names: new Map(people.map((p) => [p.id, p.name])) };
  }
}
