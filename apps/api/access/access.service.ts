import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ADMIN_ROLES, inScope, READ_ROLES, scopeRoots, type Principal } from '../../../libs/auth/principal.js';
import { ForbiddenError } from '../../../libs/domain/errors.js';
import type { SqlParams } from './sql-params.js';

/**
 * Who may see and do what, in one place. Admins and auditors see their units' subtrees; anyone
 * else sees the reviews they are the subject, the reviewer, the unit head or the standing committee's reviewer of. What a caller
 * may not see does not exist for them (404).
 */
@Injectable()
export class AccessService {
  constructor(private readonly db: DataSource) {}

  readScope(principal: Principal): string[] | 'all' {
    return scopeRoots(principal, READ_ROLES);
  }

  adminScope(principal: Principal): string[] | 'all' {
    return scopeRoots(principal, ADMIN_ROLES);
  }

  /** Throws 403 unless the caller administers the unit (given its ancestry). */
  requireAdminOf(principal: Principal, ancestorIds: readonly string[], what: string): void {
    if (!inScope(this.adminScope(principal), ancestorIds)) throw new ForbiddenError(`Only an administrator of this unit may ${what}.`);
  }

  async ancestryOf(unitId: string): Promise<string[] | null> {
    const [row]: Array<{ ancestor_ids: string[] }> = await this.db.query('SELECT ancestor_ids FROM units WHERE id = $1', [unitId]);
    return row?.ancestor_ids ?? null;
  }

  /** SQL: the unit aliased `unitAlias` lies in the caller's read scope. */
  unitInReadScope(principal: Principal, unitAlias: string, p: SqlParams): string {
    const scope = this.readScope(principal);
    if (scope === 'all') return 'TRUE';
    if (scope.length === 0) return 'FALSE';
    return `${unitAlias}.ancestor_ids && ${p.add(scope)}::text[]`;
  }

  /** SQL: the review `r` (its unit joined as `u`) is visible to the caller. */
  reviewVisible(principal: Principal, p: SqlParams): string {
    const actor = p.add(principal.actorId);
    return `(${this.unitInReadScope(principal, 'u', p)}
      OR (r.subject_type = 'person' AND r.subject_id = ${actor})
      OR r.reviewer_id = ${actor} OR r.self_actor_id = ${actor} OR u.head_id = ${actor} OR r.committee_reviewer_id = ${actor})`;
  }

  /** SQL: the caller may read the review `r`'s history: admins/auditors of the scope, and the subject's side. */
  reviewHistoryVisible(principal: Principal, p: SqlParams): string {
    const actor = p.add(principal.actorId);
    return `(${this.unitInReadScope(principal, 'u', p)}
      OR (r.subject_type = 'person' AND r.subject_id = ${actor}) OR r.self_actor_id = ${actor})`;
  }
}
