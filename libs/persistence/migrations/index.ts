import { InitialSchema1763800000000 } from './1763800000000-initial-schema.js';
import { IdempotencyAuditContext1763900000000 } from './1763900000000-idempotency-audit-context.js';

/** Every migration, oldest first. Append; never edit one that has been committed. */
export const MIGRATIONS = [InitialSchema1763800000000, IdempotencyAuditContext1763900000000];
