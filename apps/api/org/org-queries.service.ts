import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../libs/auth/principal.js';
import { NotFoundError } from '../../../libs/domain/errors.js';
import { AccessService } from '../access/access.service.js';
import { SqlParams } from '../access/sql-params.js';
import { decodeCursor, pageOf, type Page } from '../http/pagination.js';

export interface UnitView {
  id: string;
  parentId: string | null;
  name: string;
  kind: string;
  headId: string | null;
  children: string[];
  memberCount: number;
}

export interface PersonView {
  id: string;
  name: string;
  unitId: string;
  position: string;
  email: string | null;
  discipline: unknown[];
  status: string;
  hasLogin: boolean;
  roles: Array<{ role: string; unitId: string | null }>;
}

/** Reads of the registry, filtered to what the caller may see. */
@Injectable()
export class OrgQueriesService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  async unit(principal: Principal, unitId: string): Promise<UnitView> {
    await this.requireVisibleUnit(principal, unitId);
    const [row]: Array<UnitView & { memberCount: string }> = await this.db.query(
      `SELECT u.id, u.parent_id AS "parentId", u.name, u.kind, u.head_id AS "headId",
              COALESCE((SELECT array_agg(c.id ORDER BY c.id) FROM units c WHERE c.parent_id = u.id), ARRAY[]::text[]) AS children,
              (SELECT count(*) FROM people p WHERE p.unit_id = u.id AND p.status = 'active') AS "memberCount"
         FROM units u WHERE u.id = $1`,
      [unitId],
    );
    return { ...row!, memberCount: Number(row!.memberCount) };
  }

  async people(principal: Principal, unitId: string, limit: number, cursor: string | undefined): Promise<Page<PersonView>> {
    await this.requireVisibleUnit(principal, unitId);
    const after = decodeCursor(cursor);
    const rows: PersonView[] = await this.db.query(
      `SELECT p.id, p.name, p.unit_id AS "unitId", p.position, p.email, p.discipline, p.status,
              (a.password_hash IS NOT NULL) AS "hasLogin", COALESCE(a.roles, '[]'::jsonb) AS roles
         FROM people p LEFT JOIN accounts a ON a.id = p.id
        WHERE p.unit_id = $1 AND ($2::text IS NULL OR p.id > $2)
        ORDER BY p.id LIMIT $3`,
      [unitId, after?.[0] ?? null, limit + 1],
    );
    return pageOf(rows, limit, (r) => [r.id], (r) => r);
  }

  /** Admins and auditors see their scope; anyone else their own unit and the units they head. */
  private async requireVisibleUnit(principal: Principal, unitId: string): Promise<void> {
    const p = new SqlParams();
    const id = p.add(unitId);
    const actor = p.add(principal.actorId);
    const [row] = await this.db.query(
      `SELECT 1 FROM units u WHERE u.id = ${id} AND (${this.access.unitInReadScope(principal, 'u', p)}
         OR u.head_id = ${actor} OR EXISTS (SELECT 1 FROM people me WHERE me.id = ${actor} AND me.unit_id = u.id))`,
      p.values,
    );
    if (!row) throw new NotFoundError('Unit', unitId);
  }
}
