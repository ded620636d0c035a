import type { EntityManager } from 'typeorm';
import { OrgTree } from '../../../libs/domain/org/org-tree.js';

/**
 * Recomputes what the registry derives from the tree — each unit's ancestry and resolved head —
 * and writes the rows that changed. Runs inside the import's transaction.
 */
export async function refreshHierarchy(tx: EntityManager): Promise<void> {
  const units: Array<{ id: string; parentId: string | null; name: string; kind: 'other'; ancestorIds: string[]; headId: string | null }> = await tx.query(
    `SELECT id, parent_id AS "parentId", name, kind, ancestor_ids AS "ancestorIds", head_id AS "headId" FROM units`,
  );
  const heads: Array<{ id: string; name: string; unitId: string; position: 'secretary' | 'deputy_secretary' }> = await tx.query(
    `SELECT id, name, unit_id AS "unitId", position FROM people WHERE position <> 'member' AND status = 'active'`,
  );
  const tree = new OrgTree(units, heads);
  const changed = units
    .map((u) => ({ id: u.id, ancestor_ids: tree.ancestryOf(u.id), head_id: tree.headOf(u.id), before: u }))
    .filter((u) => u.head_id !== u.before.headId || u.ancestor_ids.join('\u0000') !== (u.before.ancestorIds ?? []).join('\u0000'));
  if (changed.length === 0) return;
  await tx.query(
    `UPDATE units SET ancestor_ids = x.ancestor_ids, head_id = x.head_id, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, ancestor_ids text[], head_id text)
      WHERE units.id = x.id`,
    [JSON.stringify(changed.map(({ id, ancestor_ids, head_id }) => ({ id, ancestor_ids, head_id })))],
  );
}
