import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TaskKind } from '../../domain/enums.js';
import type { SubjectRef } from '../../domain/review/review-state.js';

/** The inbox projection: one row per task ever opened; `status` says whether it is still open. */
@Entity('tasks')
export class TaskEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text', { name: 'assignee_id' }) assigneeId!: string;
  @Column('text') kind!: TaskKind;
  @Column('text', { name: 'cycle_id' }) cycleId!: string;
  @Column('text', { name: 'review_id', nullable: true }) reviewId!: string | null;
  @Column('text', { name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column('jsonb', { nullable: true }) subject!: SubjectRef | null;
  @Column('text') status!: 'open' | 'done';
  @Column('timestamptz', { name: 'due_at', nullable: true }) dueAt!: Date | null;
  @Column('timestamptz', { name: 'opens_at', nullable: true }) opensAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt!: Date | null;
}
