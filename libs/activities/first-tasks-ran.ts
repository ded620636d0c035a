import { heartbeat, sleep } from '@temporalio/activity';
import { reviewStateQuery } from '../temporal/definitions.js';
import type { ActivityDeps } from './activity-deps.js';

/** How many of the reviews started last are asked; matching hands out first tasks roughly in start order. */
const PROBES = 3;
/** A launch never waits longer than this for them: a review whose first task keeps failing must not hold its unit. */
const MAX_WAIT_MS = 120_000;

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
    const answers = await Promise.all(probes.map((id) => deps.temporal.workflow.getHandle(id).query(reviewStateQuery).then(() => true, () => false)));
    if (answers.every(Boolean) || Date.now() > deadline) return;
    heartbeat();
    await sleep(pause);
  }
}
