import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import proto from '@temporalio/proto';
import { gunzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { Principal } from '../../../libs/auth/principal.js';
import { NotFoundError } from '../../../libs/domain/errors.js';
import { readReviewHistory } from '../../../libs/persistence/review-history.js';
import { ReviewReader } from './review-reader.service.js';
import type { TemporalHistorySchema } from './review.responses.js';

type TemporalHistory = z.infer<typeof TemporalHistorySchema>;

/**
 * A review's history: who did what and when, from PostgreSQL (readReviewHistory: the stored events
 * and the notices of the cycle's sweep); or the raw Temporal history, which has no swept notices.
 */
@Injectable()
export class ReviewHistoryService {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: Client,
    private readonly reader: ReviewReader,
  ) {}

  async events(principal: Principal, reviewId: string) {
    const state = await this.reader.visibleState(principal, reviewId, true);
    return { workflowId: state.workflowId, events: await readReviewHistory(this.db, reviewId) };
  }

  /** The archived copy once the workflow closed (it outlives Temporal's retention), else the live one. */
  async temporalHistory(principal: Principal, reviewId: string): Promise<TemporalHistory> {
    const state = await this.reader.visibleState(principal, reviewId, true);
    const [archived]: Array<{ history: Buffer }> = await this.db.query('SELECT history FROM workflow_histories WHERE workflow_id = $1', [state.workflowId]);
    if (archived) {
      const history = proto.temporal.api.history.v1.History.decode(gunzipSync(archived.history));
      return JSON.parse(historyToJSON(history));
    }
    try {
      return JSON.parse(historyToJSON(await this.temporal.workflow.getHandle(state.workflowId).fetchHistory()));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new NotFoundError('Workflow history of review', reviewId);
      throw error;
    }
  }
}
