import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import proto from '@temporalio/proto';
import { gunzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { Principal } from '../../../libs/auth/principal.js';
import { NotFoundError } from '../../../libs/domain/errors.js';
import type { ReviewEventType } from '../../../libs/domain/review/review-state.js';
import { ReviewReader } from './review-reader.service.js';
import type { TemporalHistorySchema } from './review.responses.js';

type TemporalHistory = z.infer<typeof TemporalHistorySchema>;

/** A review's history: who did what and when, from PostgreSQL; or the raw Temporal history. */
@Injectable()
export class ReviewHistoryService {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: Client,
    private readonly reader: ReviewReader,
  ) {}

  async events(principal: Principal, reviewId: string) {
    const state = await this.reader.visibleState(principal, reviewId, true);
    const events: Array<{ seq: number; at: Date; actorId: string; type: ReviewEventType; data: Record<string, unknown> }> = await this.db.query(
      `SELECT seq, at, actor_id AS "actorId", type, data FROM review_events WHERE review_id = $1 ORDER BY seq`,
      [reviewId],
    );
    return { workflowId: state.workflowId, events: events.map((e) => ({ ...e, at: e.at.toISOString() })) };
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
