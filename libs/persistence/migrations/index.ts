import { InitialSchema1763800000000 } from './1763800000000-initial-schema.js';
import { UnitQuotas1763910000000 } from './1763910000000-unit-quotas.js';

/** Every migration, oldest first. Append; never edit one that has been committed. */
export const MIGRATIONS = [InitialSchema1763800000000, UnitQuotas1763910000000];
