import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { reviewStateQuery } from '../libs/temporal/definitions.js';

// (m) issue #11 goal 2: "`running` means every review accepts actions at normal latency". A cycle
// says `running` once every unit has asked Temporal to start its reviews; a review workflow can
// take an action only once its first workflow task ran. This probe measures the gap: how long
// after `running` a sample of the cycle's reviews all answer a query (the server answers a query
// only from a workflow whose first task completed; until then it fails or waits).

const SAMPLE = 200;

export interface Readiness {
  /** From `running` until every sampled review answered, ms. */
  readyAfterMs: number;
  /** The slowest single query once answered, ms. */
  slowestAnswerMs: number;
  sampled: number;
}

export async function untilReviewsAnswer(temporal: Client, db: DataSource, cycleId: string, timeoutMs: number): Promise<Readiness> {
  const rows: Array<{ workflow_id: string }> = await db.query(
    `SELECT state->>'workflowId' AS workflow_id FROM reviews WHERE cycle_id = $1 AND status = 'open' ORDER BY random() LIMIT $2`,
    [cycleId, SAMPLE],
  );
  const started = performance.now();
  let waiting = rows.map((r) => r.workflow_id);
  let slowestAnswerMs = 0;
  while (waiting.length > 0) {
    if (performance.now() - started > timeoutMs) throw new Error(`${waiting.length} sampled reviews still do not answer ${Math.round(timeoutMs / 1000)} s after running`);
    const answered = await Promise.all(
      waiting.map(async (workflowId) => {
        const asked = performance.now();
        try {
          await temporal.workflow.getHandle(workflowId).query(reviewStateQuery);
          slowestAnswerMs = Math.max(slowestAnswerMs, performance.now() - asked);
          return true;
        } catch {
          return false; // first task not run yet: ask again
        }
      }),
    );
    waiting = waiting.filter((_, i) => !answered[i]);
    if (waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { readyAfterMs: performance.now() - started, slowestAnswerMs, sampled: rows.length };
}
