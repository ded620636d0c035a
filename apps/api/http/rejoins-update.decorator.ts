import { SetMetadata } from '@nestjs/common';

export const REJOINS_UPDATE = 'rejoinsWorkflowUpdate';

/**
 * Marks an action that is one Temporal Update whose id is the Idempotency-Key. A retry that
 * finds the first attempt still pending runs again instead of waiting: Temporal applies an
 * update id once, so both attempts get the same outcome.
 */
export const RejoinsWorkflowUpdate = () => SetMetadata(REJOINS_UPDATE, true);
