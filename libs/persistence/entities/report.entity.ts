import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReportStatus } from '../../domain/enums.js';
import type { ClassificationCounts, FourGoodCounts } from '../../domain/report-counts.js';

@Entity('reports')
export class ReportEntity {
  @PrimaryColumn('text', { name: 'cycle_id' }) cycleId!: string;
  @PrimaryColumn('text', { name: 'unit_id' }) unitId!: string;
  @Column('text', { name: 'parent_unit_id', nullable: true }) parentUnitId!: string | null;
  @Column('text') status!: ReportStatus;
  @Column('text', { name: 'head_id', nullable: true }) headId!: string | null;
  @Column('jsonb') people!: ClassificationCounts;
  @Column('jsonb') units!: ClassificationCounts;
  @Column('int', { name: 'remediation_plans' }) remediationPlans!: number;
  /** Cells of the subtree rated "four good" (achieved) of those rated, as the report last counted them. */
  @Column('jsonb', { name: 'four_good_cells' }) fourGoodCells!: FourGoodCounts;
  @Column('text', { nullable: true }) summary!: string | null;
  @Column('timestamptz', { name: 'submitted_at', nullable: true }) submittedAt!: Date | null;
  @Column('text', { name: 'submitted_by', nullable: true }) submittedBy!: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
