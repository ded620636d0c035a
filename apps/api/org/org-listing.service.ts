import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../libs/auth/principal.js';
import type { PersonStatus, Position, UnitKind, UnitStatus } from '../../../libs/domain/enums.js';
import { ForbiddenError, NotFoundError } from '../../../libs/domain/errors.js';
import { AccessService } from '../access/access.service.js';
import { SqlParams } from '../access/sql-params.js';
import { decodeCursor, pageOf, type Page } from '../http/pagination.js';
import { containsPattern, foldAccents, foldedSql } from './accent-fold.js';
import type { PeopleListQueryType, UnitListQueryType } from './org-list.schemas.js';

export interface UnitListItem {
  id: string;
  parentId: string | null;
  name: string;
  kind: UnitKind;
  headId: string | null;
  headName: string | null;
  childCount: number;
  memberCount: number;
  status: UnitStatus;
  mergedInto: string | null;
  mergedIntoName: string | null;
}

export interface PersonListItem {
  id: string;
  name: string;
  unitId: string;
  unitName: string;
  position: Position;
  status: PersonStatus;
}

/** Browsing and searching the registry, for admins and auditors within their scope. Sorted by name, then id. */
@Injectable()
export class OrgListingService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  async units(principal: Principal, query: UnitListQueryType): Promise<Page<UnitListItem>> {
    const scope = this.requireReader(principal);
    const p = new SqlParams();
    const filters = [this.access.unitInReadScope(principal, 'u', p)];
    if (query.parentId) {
      await this.requireUnitInScope(principal, query.parentId);
      filters.push(`u.parent_id = ${p.add(query.parentId)}`);
    }
    if (query.q) {
      const pattern = p.add(containsPattern(foldAccents(query.q)));
      filters.push(`(${foldedSql('u.name')} LIKE ${pattern} OR ${foldedSql('u.id')} LIKE ${pattern})`);
    }
    if (!query.parentId && !query.q) {
      // The top of the scope: the roots of the tree, or the role units not lying under another role unit.
      filters.push(scope === 'all' ? 'u.parent_id IS NULL' : `u.id = ANY(${p.add(scope)}::text[]) AND NOT (u.ancestor_ids[1:cardinality(u.ancestor_ids) - 1] && ${p.add(scope)}::text[])`);
    }
    this.afterCursor(query.cursor, 'u.name', 'u.id', filters, p);
    const rows: UnitListItem[] = await this.db.query(
      `SELECT u.id, u.parent_id AS "parentId", u.name, u.kind, u.head_id AS "headId", h.name AS "headName", u.status, u.merged_into AS "mergedInto", (SELECT mi.name FROM units mi WHERE mi.id = u.merged_into) AS "mergedIntoName",
              (SELECT count(*)::int FROM units c WHERE c.parent_id = u.id) AS "childCount",
              (SELECT count(*)::int FROM people m WHERE m.unit_id = u.id AND m.status = 'active') AS "memberCount"
         FROM units u LEFT JOIN people h ON h.id = u.head_id
        WHERE ${filters.join(' AND ')}
        ORDER BY u.name, u.id LIMIT ${p.add(query.limit + 1)}`,
      p.values,
    );
    return pageOf(rows, query.limit, (r) => [r.name, r.id], (r) => r);
  }

  async people(principal: Principal, query: PeopleListQueryType): Promise<Page<PersonListItem>> {
    this.requireReader(principal);
    const p = new SqlParams();
    const filters = [this.access.unitInReadScope(principal, 'u', p)];
    if (query.unitId) {
      await this.requireUnitInScope(principal, query.unitId);
      filters.push(`x.unit_id = ${p.add(query.unitId)}`);
    }
    if (query.q) {
      const pattern = p.add(containsPattern(foldAccents(query.q)));
      filters.push(`(${foldedSql('x.name')} LIKE ${pattern} OR ${foldedSql('x.id')} LIKE ${pattern} OR ${foldedSql('a.username')} LIKE ${pattern})`);
    }
    this.afterCursor(query.cursor, 'x.name', 'x.id', filters, p);
    // Never a credential: only the username is read, to match on it, and it is not returned.
    const rows: PersonListItem[] = await this.db.query(
      `SELECT x.id, x.name, x.unit_id AS "unitId", u.name AS "unitName", x.position, x.status
         FROM people x JOIN units u ON u.id = x.unit_id LEFT JOIN accounts a ON a.id = x.id
        WHERE ${filters.join(' AND ')}
        ORDER BY x.name, x.id LIMIT ${p.add(query.limit + 1)}`,
      p.values,
    );
    return pageOf(rows, query.limit, (r) => [r.name, r.id], (r) => r);
  }

  /** Only admins and auditors browse the registry; returns their scope. */
  private requireReader(principal: Principal): string[] | 'all' {
    const scope = this.access.readScope(principal);
    if (scope !== 'all' && scope.length === 0) throw new ForbiddenError('Only administrators and auditors may browse the registry.');
    return scope;
  }

  /** An unknown unit and one outside the scope answer alike (404), as GET /org/units/:id does. */
  private async requireUnitInScope(principal: Principal, unitId: string): Promise<void> {
    const p = new SqlParams();
    const [row] = await this.db.query(`SELECT 1 FROM units u WHERE u.id = ${p.add(unitId)} AND ${this.access.unitInReadScope(principal, 'u', p)}`, p.values);
    if (!row) throw new NotFoundError('Unit', unitId);
  }

  private afterCursor(cursor: string | undefined, nameColumn: string, idColumn: string, filters: string[], p: SqlParams): void {
    const after = decodeCursor(cursor);
    if (after) filters.push(`(${nameColumn}, ${idColumn}) > (${p.add(after[0])}, ${p.add(after[1])})`);
  }
}
