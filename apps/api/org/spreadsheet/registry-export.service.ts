import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../../libs/auth/principal.js';
import { ForbiddenError } from '../../../../libs/domain/errors.js';
import { AccessService } from '../../access/access.service.js';
import { disciplineText, rolesText } from './rows-to-import.js';
import type { SheetRows } from './template-writer.js';

/**
 * The registry in the caller's admin scope as template rows, so that importing the filled
 * template changes nothing. Passwords are never exported (a blank password keeps the stored one).
 */
@Injectable()
export class RegistryExportService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  /** Only administrators get a template at all; `filled` adds their scope's registry. */
  requireAdmin(principal: Principal): string[] | 'all' {
    const scope = this.access.adminScope(principal);
    if (scope !== 'all' && scope.length === 0) throw new ForbiddenError('Only administrators may import the registry.');
    return scope;
  }

  async rows(principal: Principal): Promise<Required<SheetRows>> {
    const scope = this.requireAdmin(principal);
    const inScope = scope === 'all' ? 'TRUE' : 'u.ancestor_ids && $1::text[]';
    const params = scope === 'all' ? [] : [scope];
    // Parents before children, as a person would write the sheet.
    const units: Array<{ id: string; parentId: string | null; name: string; kind: string; status: string; mergedInto: string | null }> = await this.db.query(
      `SELECT u.id, u.parent_id AS "parentId", u.name, u.kind, u.status, u.merged_into AS "mergedInto" FROM units u WHERE ${inScope} ORDER BY cardinality(u.ancestor_ids), u.id`,
      params,
    );
    const people: Array<{
      id: string;
      name: string;
      unitId: string;
      position: string;
      email: string | null;
      status: string;
      discipline: [];
      username: string | null;
      roles: [] | null;
      managedByUnitId: string | null;
    }> =
      await this.db.query(
        `SELECT p.id, p.name, p.unit_id AS "unitId", p.position, p.email, p.status, p.discipline, a.username, a.roles, p.managed_by_unit_id AS "managedByUnitId"
           FROM people p JOIN units u ON u.id = p.unit_id LEFT JOIN accounts a ON a.id = p.id
          WHERE ${inScope} ORDER BY p.unit_id, p.id`,
        params,
      );
    return {
      units: units.map((u) => ({
        id: u.id,
        parentId: u.parentId ?? '',
        name: u.name,
        kind: u.kind,
        mergedInto: u.mergedInto ?? '',
        dissolved: u.status === 'dissolved' ? 'true' : '',
      })),
      people: people.map((p) => ({
        id: p.id,
        name: p.name,
        unitId: p.unitId,
        position: p.position,
        email: p.email ?? '',
        status: p.status,
        username: p.username ?? '',
        roles: rolesText(p.roles),
        discipline: disciplineText(p.discipline),
        managedByUnitId: p.managedByUnitId ?? '',
      })),
    };
  }
}
