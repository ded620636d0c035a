import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first response to an Idempotency-Key, replayed for the same key and body. */
@Entity('idempotency_records')
export class IdempotencyRecordEntity {
  @PrimaryColumn('text', { name: 'actor_id' }) actorId!: string;
  @PrimaryColumn('text') key!: string;
  @Column('text', { name: 'request_hash' }) requestHash!: string;
  @Column('text') state!: 'pending' | 'done';
  @Column('int', { name: 'response_status', nullable: true }) responseStatus!: number | null;
  @Column('jsonb', { name: 'response_body', nullable: true }) responseBody!: unknown;
  /** What the request concerned, for the audit entry of a replay. */
  @Column('jsonb', { name: 'audit_context', nullable: true }) auditContext!: Record<string, unknown> | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  /** The advisory lock the API process working on a pending request holds while it lives. */
  @Column('int', { name: 'owner_lock', nullable: true }) ownerLock!: number | null;
}
