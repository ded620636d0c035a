import { AccountEntity } from './account.entity.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { CycleEntity } from './cycle.entity.js';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';
import { PersonEntity } from './person.entity.js';
import { ReportEntity } from './report.entity.js';
import { ReviewEventEntity } from './review-event.entity.js';
import { ReviewEntity } from './review.entity.js';
import { TaskEntity } from './task.entity.js';
import { UnitEntity } from './unit.entity.js';
import { WorkflowHistoryEntity } from './workflow-history.entity.js';

export {
  AccountEntity,
  AuditEntryEntity,
  CycleEntity,
  IdempotencyRecordEntity,
  PersonEntity,
  ReportEntity,
  ReviewEventEntity,
  ReviewEntity,
  TaskEntity,
  UnitEntity,
  WorkflowHistoryEntity,
};
export type { DisciplineRecord } from './person.entity.js';
export type { CyclePolicy } from './cycle.entity.js';

export const ENTITIES = [
  AccountEntity,
  AuditEntryEntity,
  CycleEntity,
  IdempotencyRecordEntity,
  PersonEntity,
  ReportEntity,
  ReviewEventEntity,
  ReviewEntity,
  TaskEntity,
  UnitEntity,
  WorkflowHistoryEntity,
];
