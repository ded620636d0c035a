import { Context, heartbeat } from '@temporalio/activity';
import { WorkflowFailedError } from '@temporalio/client';
import proto from '@temporalio/proto';
import { gzipSync } from 'node:zlib';
import type { ActivityDeps } from './activity-deps.js';
import { forEachBounded } from './bounded-pool.js';

/**
 * Copies closed workflows' raw histories into PostgreSQL: Temporal deletes them after the
 * namespace's retention, auditors read them for years. Waits for each workflow to close first,
 * and stops waiting when the activity is cancelled: a worker shutting down no longer runs the
 * workflow tasks that would close them, so an uncancellable wait would hold its shutdown forever.
 */
export function makeArchiveHistories(deps: ActivityDeps) {
  return async function archiveHistories(input: { workflowIds: string[] }): Promise<void> {
    let done = 0;
    const cancelled = Context.current().cancellationSignal;
    await forEachBounded(input.workflowIds, deps.startConcurrency, (workflowId) => deps.temporal.withAbortSignal(cancelled, () => archiveOne(workflowId)));
    async function archiveOne(workflowId: string): Promise<void> {
      const handle = deps.temporal.workflow.getHandle(workflowId);
      // Usually closed already (the unit archives a while after the close): no wait, one call fewer.
      const described = await handle.describe();
      let runId = described.runId;
      if (described.status.name === 'RUNNING') {
        await handle.result().catch((error: unknown) => {
          if (!(error instanceof WorkflowFailedError)) throw error; // cancelled or failed runs are archived too
        });
        ({ runId } = await handle.describe());
      }
      const history = await handle.fetchHistory();
      const bytes = gzipSync(proto.temporal.api.history.v1.History.encode(history).finish());
      await deps.db.query(
        `INSERT INTO workflow_histories (workflow_id, run_id, event_count, history, archived_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (workflow_id) DO UPDATE SET run_id = EXCLUDED.run_id, event_count = EXCLUDED.event_count,
           history = EXCLUDED.history, archived_at = EXCLUDED.archived_at`,
        [workflowId, runId, history.events?.length ?? 0, bytes],
      );
      heartbeat(++done);
    }
  };
}
