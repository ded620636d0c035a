import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../libs/auth/principal.js';
import type { UnitKind, UnitStatus } from '../../../libs/domain/enums.js';
import { NotFoundError } from '../../../libs/domain/errors.js';
import { AccessService } from '../access/access.service.js';
import { SqlParams } from '../access/sql-params.js';
import { decodeCursor, pageOf, type Page } from '../http/pagination.js';
import { personAsSeenBy, type PeopleReader, type PersonAsSeen } from './person-visibility.js';
import type { PersonView } from './person-view.js';

export interface UnitView {
  id: string;
  parentId: string | null;
  name: string;
  kind: UnitKind;
  headId: string | null;
  children: string[];
  memberCount: number;
  status: UnitStatus;
  mergedInto: string | null;
  mergedIntoName: string | null;
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
      `SELECT u.id, u.parent_id AS "parentId", u.name, u.kind, u.head_id AS "headId", u.status, u.merged_into AS "mergedInto", (SELECT mi.name FROM units mi WHERE mi.id = u.merged_into) AS "mergedIntoName",
              COALESCE((SELECT array_agg(c.id ORDER BY c.id) FROM units c WHERE c.parent_id = u.id), ARRAY[]::text[]) AS children,
              (SELECT count(*) FROM people p WHERE p.unit_id = u.id AND p.status = 'active') AS "memberCount"
         FROM units u WHERE u.id = $1`,
      [unitId],
    );
    return { ...row!, memberCount: Number(row!.memberCount) };
  }

  /** Each reader sees the fields their work needs (person-visibility.ts); a member sees active co-members only. */
  async people(principal: Principal, unitId: string, limit: number, cursor: string | undefined): Promise<Page<PersonAsSeen>> {
    const reader = await this.requireVisibleUnit(principal, unitId);
    const after = decodeCursor(cursor);
    const rows: PersonView[] = await this.db.query(
      `SELECT p.id, p.name, p.unit_id AS "unitId", p.position, p.email, p.discipline, p.status, p.managed_by_unit_id AS "managedByUnitId",
              (a.password_hash IS NOT NULL) AS "hasLogin", COALESCE(a.roles, '[]'::jsonb) AS roles
         FROM people p LEFT JOIN accounts a ON a.id = p.id
        WHERE p.unit_id = $1 AND ($2::text IS NULL OR p.id > $2) AND ($4::boolean OR p.status = 'active')
        ORDER BY p.id LIMIT $3`,
      [unitId, after?.[0] ?? null, limit + 1, reader !== 'member'],
    );
    return pageOf(rows, limit, (r) => [r.id], (r) => personAsSeenBy(reader, r));
  }

  /** Admins and auditors see their scope; anyone else their own unit and the units they head. Returns who is reading. */
  private async requireVisibleUnit(principal: Principal, unitId: string): Promise<PeopleReader> {
    const p = new SqlParams();
    const id = p.add(unitId);
    const actor = p.add(principal.actorId);
    const [row]: Array<{ registry: boolean; head: boolean; member: boolean }> = await this.db.query(
      `SELECT ${this.access.unitInReadScope(principal, 'u', p)} AS registry, u.head_id IS NOT DISTINCT FROM ${actor} AS head,
              EXISTS (SELECT 1 FROM people me WHERE me.id = ${actor} AND me.unit_id = u.id) AS member
         FROM units u WHERE u.id = ${id}`,
      p.values,
    );
    if (row?.registry) return 'registry';
    if (row?.head) return 'head';
    if (row?.member) return 'member';
    throw new NotFoundError('Unit', unitId);
  }
}
