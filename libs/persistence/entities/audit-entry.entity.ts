import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One state-changing request, accepted or refused: who, what, on what, with which outcome.
 * Written by libs/persistence/audit/audit-append.ts only: each entry is a link of a hash chain.
 */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) seq!: string;
  @Column('timestamptz') at!: Date;
  @Column('text', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('text') action!: string;
  @Column('text') target!: string;
  @Column('text', { name: 'request_id' }) requestId!: string;
  @Column('text') outcome!: string;
  /** Null on an `attempted` entry, written before the outcome is known. */
  @Column('int', { nullable: true }) status!: number | null;
  @Column('text', { name: 'cycle_id', nullable: true }) cycleId!: string | null;
  /** The unit the target belongs to, for scoping what an admin or auditor may read. */
  @Column('text', { name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column('text', { nullable: true }) detail!: string | null;
  /** The `attempted` entry of the same request that this entry completes. */
  @Column('bigint', { name: 'attempt_seq', nullable: true }) attemptSeq!: string | null;
  @Column('text', { name: 'prev_hash', nullable: true }) prevHash!: string | null;
  @Column('text', { nullable: true }) hash!: string | null;
}
