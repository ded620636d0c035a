import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One entry of a review's history, kept for as long as the database is kept. */
@Entity('review_events')
export class ReviewEventEntity {
  @PrimaryColumn('text', { name: 'review_id' }) reviewId!: string;
  @PrimaryColumn('int') seq!: number;
  @Column('timestamptz') at!: Date;
  @Column('text', { name: 'actor_id' }) actorId!: string;
  @Column('text') type!: string;
  @Column('jsonb') data!: Record<string, unknown>;
}
