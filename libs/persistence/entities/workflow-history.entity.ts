import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A closed workflow's raw Temporal history (gzipped protobuf), kept past Temporal's retention. */
@Entity('workflow_histories')
export class WorkflowHistoryEntity {
  @PrimaryColumn('text', { name: 'workflow_id' }) workflowId!: string;
  @Column('text', { name: 'run_id' }) runId!: string;
  @Column('int', { name: 'event_count' }) eventCount!: number;
  @Column('bytea') history!: Buffer;
  @Column('timestamptz', { name: 'archived_at' }) archivedAt!: Date;
}
