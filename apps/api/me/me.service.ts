import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../libs/auth/principal.js';
import type { MeView } from './me.responses.js';

/** Who the caller is, for the web app to choose which pages to show. */
@Injectable()
export class MeService {
  constructor(private readonly db: DataSource) {}

  async describe(principal: Principal): Promise<MeView> {
    const roleUnitIds = principal.roles.map((r) => r.unitId).filter((id): id is string => id !== null);
    const [[person], roleUnits, headOf] = await Promise.all([
      this.db.query(
        `SELECT p.name, p.unit_id AS "unitId", u.name AS "unitName", p.position
           FROM people p LEFT JOIN units u ON u.id = p.unit_id WHERE p.id = $1`,
        [principal.actorId],
      ) as Promise<Array<{ name: string; unitId: string; unitName: string | null; position: string }>>,
      this.db.query(`SELECT id, name FROM units WHERE id = ANY($1::text[])`, [roleUnitIds]) as Promise<Array<{ id: string; name: string }>>,
      // units.head_id is the resolved head (own secretary, deputy, or inherited from above): indexed.
      this.db.query(
        `SELECT id AS "unitId", name, kind FROM units WHERE head_id = $1 ORDER BY cardinality(ancestor_ids), id`,
        [principal.actorId],
      ) as Promise<MeView['headOf']>,
    ]);
    const unitNames = new Map(roleUnits.map((u) => [u.id, u.name]));
    return {
      id: principal.actorId,
      username: principal.username,
      name: person?.name ?? null,
      unitId: person?.unitId ?? null,
      unitName: person?.unitName ?? null,
      position: person?.position ?? null,
      roles: principal.roles.map((r) => ({ role: r.role, unitId: r.unitId, unitName: r.unitId === null ? null : (unitNames.get(r.unitId) ?? null) })),
      headOf,
    };
  }
}
