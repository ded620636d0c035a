import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DisciplineLevel, PersonStatus, Position } from '../../domain/enums.js';

export interface DisciplineRecord {
  year: number;
  level: DisciplineLevel;
  /** Self-detected and remedied. */
  selfDetected: boolean;
  /** A violation in the performance of duty (absent on records imported before the flag). */
  dutyRelated?: boolean;
}

@Entity('people')
export class PersonEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'unit_id' }) unitId!: string;
  @Column('text') position!: Position;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('jsonb', { default: () => `'[]'` }) discipline!: DisciplineRecord[];
  /** A struck-off person stays on record but is no longer a member of any unit. */
  @Column('text', { default: 'active' }) status!: PersonStatus;
  /** The higher unit whose standing committee reviews the person after the decision; null: none. */
  @Column('text', { name: 'managed_by_unit_id', nullable: true }) managedByUnitId!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
