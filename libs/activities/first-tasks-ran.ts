import { cancellationSignal, heartbeat, sleep } from '@temporalio/activity';
import { reviewStateQuery } from '../temporal/definitions.js';
import type { ActivityDeps } from './activity-deps.js';

/** How many of the reviews started last are asked; matching hands out first tasks roughly in start order. */
const PROBES = 3;
/** A launch never waits longer than this for them: a review whose first task keeps failing must not hold its unit. */
const MAX_WAIT_MS = 120_000;
/** One query's longest wait: a draining worker answers none, and a stopping worker must not wait on them. */
const QUERY_TIMEOUT_MS = 5_000;

/**
 * Waits until the last reviews a launch started answer a query, i.e. their first workflow task
 * ran (the server refuses a query before that). A unit reports itself launched only after this,
 * so a cycle says `running` once its reviews take actions at normal latency, not while thousands
 * of first tasks still queue; it also keeps one unit's next batch from piling onto that queue.
 */
export async function untilFirstTasksRan(deps: ActivityDeps, workflowIds: readonly string[]): Promise<void> {
  const probes = workflowIds.slice(-PROBES);
  const deadline = Date.now() + MAX_WAIT_MS;
  for (let pause = 100; ; pause = Math.min(pause * 2, 2_000)) {
    const asked = probes.map((id) =>
      deps.temporal.withAbortSignal(cancellationSignal(), () => deps.temporal.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () => deps.temporal.workflow.getHandle(id).query(reviewStateQuery))),
    );
    const answers = await Promise.all(asked.map((query) => query.then(() => true, () => false)));
    if (answers.every(Boolean) || Date.now() > deadline) return;
    heartbeat();
    await sleep(pause); // throws once the activity is cancelled (a worker stopping cancels it after its grace time)
  }
}
