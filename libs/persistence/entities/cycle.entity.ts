import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { CycleCalendar } from '../../domain/calendar.js';
import type { CyclePeriod } from '../../domain/cycle-period.js';
import type { CycleStatus } from '../../domain/enums.js';
import type { RuleSetId } from '../../domain/rules/rule-set.js';
import type { CellCriteriaSet } from '../../domain/rules/four-good-cells.js';

export interface CyclePolicy {
  ruleSet: RuleSetId;
  /** The rule set's version when the cycle was launched (absent on cycles launched before versions). */
  ruleSetVersion?: number;
  /** A cycle-wide excellent quota stricter than the rule set's (absent: the rule set's). */
  excellentQuotaPercent?: number;
}

@Entity('cycles')
@Unique('cycles_period_root_unique', ['year', 'rootUnitId', 'periodKey'])
export class CycleEntity {
  @PrimaryColumn('text') id!: string;
  @Column('int') year!: number;
  @Column('jsonb') period!: CyclePeriod;
  /** periodKey(period): one cycle per (year, root unit, period key). */
  @Column('text', { name: 'period_key' }) periodKey!: string;
  @Column('text', { name: 'root_unit_id' }) rootUnitId!: string;
  @Column('text') title!: string;
  @Column('text') status!: CycleStatus;
  @Column('jsonb') policy!: CyclePolicy;
  @Column('jsonb') calendar!: CycleCalendar;
  /** The criteria set the cells' collective reviews are rated on (four good cells); null: none. */
  @Column('text', { name: 'cell_criteria', nullable: true }) cellCriteria!: CellCriteriaSet | null;
  @Column('text', { name: 'superior_reviewer_id', nullable: true }) superiorReviewerId!: string | null;
  /** Its reviews' notices are sent by the cycle's sweep (cycles created since migration 1765800000000); false: by each review's timers. */
  @Column('boolean', { name: 'notice_sweep', default: false }) noticeSweep!: boolean;
  @Column('int', { name: 'subjects_total' }) subjectsTotal!: number;
  @Column('text', { name: 'workflow_id' }) workflowId!: string;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt!: Date | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true }) cancelledAt!: Date | null;
  @Column('text', { name: 'cancel_reason', nullable: true }) cancelReason!: string | null;
}
