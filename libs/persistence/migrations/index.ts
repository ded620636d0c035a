import { InitialSchema1763800000000 } from './1763800000000-initial-schema.js';
import { CalendarNotices1763900000000 } from './1763900000000-calendar-notices.js';
import { UnitQuotas1763910000000 } from './1763910000000-unit-quotas.js';
import { PersonStatus1764000000000 } from './1764000000000-person-status.js';
import { IdempotencyAuditContext1764100000000 } from './1764100000000-idempotency-audit-context.js';
import { RequestOwnerLock1764200000000 } from './1764200000000-request-owner-lock.js';
import { LoginFailures1764300000000 } from './1764300000000-login-failures.js';
import { AuditChain1764500000000 } from './1764500000000-audit-chain.js';
import { BulkOperations1764700000000 } from './1764700000000-bulk-operations.js';
import { OutboxDeliveryStatus1764810000000 } from './1764810000000-outbox-delivery-status.js';
import { QuotaDecision1764850000000 } from './1764850000000-quota-decision.js';
import { ReadIndexes1764900000000 } from './1764900000000-read-indexes.js';
import { RegistryChangePages1765000000000 } from './1765000000000-registry-change-pages.js';
import { CyclePeriods1765200000000 } from './1765200000000-cycle-periods.js';
import { UnitStatus1765300000000 } from './1765300000000-unit-status.js';
import { FourGoodCells1765400000000 } from './1765400000000-four-good-cells.js';
import { StandingCommittee1765500000000 } from './1765500000000-standing-committee.js';
import { CompletionCounters1765600000000 } from './1765600000000-completion-counters.js';
import { CycleNoticeSweep1765800000000 } from './1765800000000-cycle-notice-sweep.js';

/** Every migration, oldest first. Append; never edit one that has been committed. */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  CalendarNotices1763900000000,
  UnitQuotas1763910000000,
  PersonStatus1764000000000,
  IdempotencyAuditContext1764100000000,
  RequestOwnerLock1764200000000,
  LoginFailures1764300000000,
  AuditChain1764500000000,
  BulkOperations1764700000000,
  OutboxDeliveryStatus1764810000000,
  QuotaDecision1764850000000,
  ReadIndexes1764900000000,
  RegistryChangePages1765000000000,
  CyclePeriods1765200000000,
  UnitStatus1765300000000,
  FourGoodCells1765400000000,
  StandingCommittee1765500000000,
  CompletionCounters1765600000000,
  CycleNoticeSweep1765800000000,
];
