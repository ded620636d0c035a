import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RoleGrant } from '../../auth/principal.js';

/** Credentials and roles of someone who can log in; `id` is the actor id (a person's id). */
@Entity('accounts')
export class AccountEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text', { unique: true }) username!: string;
  @Column('text', { name: 'password_hash', nullable: true }) passwordHash!: string | null;
  @Column('text', { name: 'person_id', nullable: true }) personId!: string | null;
  @Column('jsonb', { default: () => `'[]'` }) roles!: RoleGrant[];
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
