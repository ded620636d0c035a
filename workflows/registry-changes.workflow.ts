import { patched, proxyActivities } from '@temporalio/workflow';
import type { ReviewActivities } from '../libs/activities/index.js';
import type { RegistryChangesInput } from '../libs/temporal/workflow-inputs.js';

const { planRegistryChanges, deliverRegistryChanges, planRegistryChangePages, deliverRegistryChangePage } = proxyActivities<ReviewActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const DELIVERY_BATCH = 100;

/**
 * One registry import applied to the cycles it touched that were open when it committed: works
 * out, cycle by cycle, what changed for the open reviews (transfers, strikes-off, new members, new heads) and
 * delivers every change to the workflow it concerns. Each delivery has a stable id derived from
 * the import, so a retried activity or a replayed request applies nothing twice.
 */
export async function registryChangesWorkflow(input: RegistryChangesInput): Promise<{ cycles: number; changes: number }> {
  let changes = 0;
  // Since registry-change-pages-v1 the plan stays in PostgreSQL and travels as page numbers: no
  // activity input or result grows with the number of changes (Temporal refuses payloads over 2 MB).
  const paged = patched('registry-change-pages-v1');
  for (const cycleId of input.cycleIds) {
    if (paged) {
      const plan = await planRegistryChangePages({ importId: input.importId, cycleId, actorId: input.actorId });
      for (let page = 0; page < plan.pages; page++) await deliverRegistryChangePage({ importId: input.importId, cycleId, page });
      changes += plan.changes;
      continue;
    }
    const planned = await planRegistryChanges({ cycleId, actorId: input.actorId });
    for (let i = 0; i < planned.length; i += DELIVERY_BATCH) {
      await deliverRegistryChanges({ importId: input.importId, changes: planned.slice(i, i + DELIVERY_BATCH) });
    }
    changes += planned.length;
  }
  return { cycles: input.cycleIds.length, changes };
}
