import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { UnitKind, UnitStatus } from '../../domain/enums.js';

@Entity('units')
export class UnitEntity {
  @PrimaryColumn('text') id!: string;
  @Index() @Column('text', { name: 'parent_id', nullable: true }) parentId!: string | null;
  @Column('text') name!: string;
  @Column('text') kind!: UnitKind;
  /** Ids from the tree's root down to this unit: scope checks are `ancestor_ids && scope`. */
  @Column('text', { name: 'ancestor_ids', array: true }) ancestorIds!: string[];
  /** The resolved head (own secretary, deputy, or the nearest ancestor's head). */
  @Column('text', { name: 'head_id', nullable: true }) headId!: string | null;
  /** Merged and dissolved units leave the tree; they stay stored for their reviews' history. */
  @Column('text', { default: 'active' }) status!: UnitStatus;
  @Column('text', { name: 'merged_into', nullable: true }) mergedInto!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
