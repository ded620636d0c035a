import type { DataSource, EntityManager } from 'typeorm';
import { OrgTree } from '../domain/org/org-tree.js';
import type { PersonRecord, UnitRecord } from '../domain/org/org-records.js';

/**
 * The part of the registry a unit's plan reads: the unit, its ancestors (whose heads stand in
 * when it has none), its children, the people of the unit and its ancestors, and the heads
 * of its children. Enough to answer who reviews whom around this unit. Struck-off people are
 * no longer members, nor merged or dissolved units part of the tree, here and everywhere it is read.
 */
export async function loadTreeAround(db: DataSource | EntityManager, unitId: string): Promise<OrgTree> {
  const units: UnitRecord[] = await db.query(
    `SELECT id, parent_id AS "parentId", name, kind FROM units
      WHERE status = 'active' AND (id = ANY(COALESCE((SELECT ancestor_ids FROM units WHERE id = $1), ARRAY[]::text[])) OR parent_id = $1)`,
    [unitId],
  );
  const lineage = units.filter((u) => u.parentId !== unitId).map((u) => u.id);
  const children = units.filter((u) => u.parentId === unitId).map((u) => u.id);
  const people: PersonRecord[] = await db.query(
    `SELECT id, name, unit_id AS "unitId", position, managed_by_unit_id AS "managedByUnitId" FROM people
      WHERE status = 'active' AND (unit_id = ANY($1) OR (unit_id = ANY($2) AND position <> 'member'))`,
    [lineage, children],
  );
  return new OrgTree(units, people);
}

/** A unit's whole subtree with its ancestors and all their people: what planning a cycle reads. */
export async function loadSubtree(db: DataSource | EntityManager, rootUnitId: string): Promise<OrgTree> {
  const units: UnitRecord[] = await db.query(
    `SELECT id, parent_id AS "parentId", name, kind FROM units
      WHERE status = 'active' AND (ancestor_ids @> ARRAY[$1]::text[] OR id = ANY(COALESCE((SELECT ancestor_ids FROM units WHERE id = $1), ARRAY[]::text[])))`,
    [rootUnitId],
  );
  const people: PersonRecord[] = await db.query(`SELECT id, name, unit_id AS "unitId", position, managed_by_unit_id AS "managedByUnitId" FROM people WHERE unit_id = ANY($1) AND status = 'active'`, [
    units.map((u) => u.id),
  ]);
  return new OrgTree(units, people);
}
