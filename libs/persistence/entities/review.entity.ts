import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Classification } from '../../domain/classification.js';
import type { ReviewStatus, Step, SubjectType } from '../../domain/enums.js';
import type { ReviewState } from '../../domain/review/review-state.js';

/** The read model of one review: the workflow's state as last projected, plus columns to query by. */
@Entity('reviews')
export class ReviewEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text', { name: 'cycle_id' }) cycleId!: string;
  @Column('text', { name: 'workflow_id' }) workflowId!: string;
  @Column('text', { name: 'subject_type' }) subjectType!: SubjectType;
  @Column('text', { name: 'subject_id' }) subjectId!: string;
  @Column('text', { name: 'subject_name' }) subjectName!: string;
  @Column('text', { name: 'unit_id' }) unitId!: string;
  @Column('text', { name: 'owner_unit_id' }) ownerUnitId!: string;
  @Column('text', { name: 'deciding_unit_id', nullable: true }) decidingUnitId!: string | null;
  @Column('text', { name: 'reviewer_id' }) reviewerId!: string;
  @Column('text', { name: 'self_actor_id' }) selfActorId!: string;
  /** The head of the managing unit's committee, when a standing committee reviews the subject. */
  @Column('text', { name: 'committee_reviewer_id', nullable: true }) committeeReviewerId!: string | null;
  @Column('text') step!: Step;
  @Column('text') status!: ReviewStatus;
  @Column('text', { nullable: true }) classification!: Classification | null;
  @Column('double precision', { nullable: true }) score!: number | null;
  @Column('timestamptz', { name: 'due_at', nullable: true }) dueAt!: Date | null;
  @Column('int') version!: number;
  @Column('jsonb') state!: ReviewState;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
