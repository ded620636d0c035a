import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inScope, type Principal } from '../../../libs/auth/principal.js';
import { ConflictError, ErrorCode, ForbiddenError, NotFoundError, RuleViolationError } from '../../../libs/domain/errors.js';
import { ruleSetFor } from '../../../libs/domain/rules/rule-sets.js';
import { CycleEntity } from '../../../libs/persistence/entities/index.js';
import { AccessService } from '../access/access.service.js';
import type { RaiseQuotaBody } from './quota.schemas.js';

// decision_date is a calendar date: read as text (YYYY-MM-DD), never shifted through a time zone.
const QUOTA_COLUMNS = `excellent_percent AS "excellentPercent", reason, decision_number AS "decisionNumber",
  to_char(decision_date, 'YYYY-MM-DD') AS "decisionDate", set_by AS "setBy", set_at AS "setAt"`;

/**
 * Reg 366 lets the competent level raise one organisation's excellent quota (to 25% at most).
 * An administrator of the unit's parent sets it, before the unit has closed its reviews: the
 * quota is checked then, and never changes under a check already made.
 */
@Injectable()
export class QuotaService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  async raise(principal: Principal, cycleId: string, unitId: string, body: RaiseQuotaBody) {
    const { cycle, ancestry } = await this.visibleUnitInCycle(principal, cycleId, unitId);
    const aboveUnit = ancestry.filter((id) => id !== unitId);
    if (aboveUnit.length === 0) throw new ForbiddenError('The root unit has no level above to raise its quota.');
    this.access.requireAdminOf(principal, aboveUnit, "raise its child unit's quota (an administrator of the level above)");

    const ruleSet = ruleSetFor(cycle.policy.ruleSet, cycle.policy.ruleSetVersion);
    const max = ruleSet.quota.maxRaisedPercent;
    if (max === null) {
      throw new RuleViolationError(`quota raise: ${ruleSet.id} allows no raise of the ${ruleSet.quota.percent}% quota`, [
        { path: 'excellentPercent', message: `${ruleSet.id} allows no raise` },
      ]);
    }
    const base = cycle.policy.excellentQuotaPercent ?? ruleSet.quota.percent;
    if (body.excellentPercent < base || body.excellentPercent > max) {
      throw new RuleViolationError(`quota raise: ${body.excellentPercent}% is outside ${base}%–${max}% under ${ruleSet.id}`, [
        { path: 'excellentPercent', message: `between ${base} and ${max}` },
      ]);
    }

    return this.db.transaction(async (tx) => {
      const [report]: Array<{ status: string }> = await tx.query(`SELECT status FROM reports WHERE cycle_id = $1 AND unit_id = $2 FOR UPDATE`, [cycleId, unitId]);
      if (report && report.status !== 'collecting') {
        throw new ConflictError(ErrorCode.Closed, `The unit has closed its reviews (report ${report.status}); its quota can no longer change.`);
      }
      const [row] = await tx.query(
        `INSERT INTO unit_quotas (cycle_id, unit_id, excellent_percent, reason, decision_number, decision_date, set_by, set_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())
         ON CONFLICT (cycle_id, unit_id) DO UPDATE SET excellent_percent = EXCLUDED.excellent_percent, reason = EXCLUDED.reason,
           decision_number = EXCLUDED.decision_number, decision_date = EXCLUDED.decision_date, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
         RETURNING ${QUOTA_COLUMNS}`,
        // A new raise replaces the last one whole: a decision absent from it is not carried over.
        [cycleId, unitId, body.excellentPercent, body.reason, body.decisionNumber ?? null, body.decisionDate ?? null, principal.actorId],
      );
      return { cycleId, unitId, ...row };
    });
  }

  async get(principal: Principal, cycleId: string, unitId: string) {
    const { cycle } = await this.visibleUnitInCycle(principal, cycleId, unitId);
    const ruleSet = ruleSetFor(cycle.policy.ruleSet, cycle.policy.ruleSetVersion);
    const [row] = await this.db.query(
      `SELECT ${QUOTA_COLUMNS} FROM unit_quotas WHERE cycle_id = $1 AND unit_id = $2`,
      [cycleId, unitId],
    );
    return { cycleId, unitId, excellentPercent: cycle.policy.excellentQuotaPercent ?? ruleSet.quota.percent, maxRaisedPercent: ruleSet.quota.maxRaisedPercent, reason: null, decisionNumber: null, decisionDate: null, setBy: null, setAt: null, ...row };
  }

  /**
   * The cycle and the unit's ancestry, when the unit is in the cycle and in the caller's read
   * scope. Otherwise 404 for every verb alike: what the caller may not see does not exist for them,
   * and only then is it asked whether they may change it (403).
   */
  private async visibleUnitInCycle(principal: Principal, cycleId: string, unitId: string): Promise<{ cycle: CycleEntity; ancestry: string[] }> {
    const cycle = await this.db.getRepository(CycleEntity).findOneBy({ id: cycleId });
    const ancestry = await this.access.ancestryOf(unitId);
    const inCycle = cycle && ancestry && (ancestry.includes(cycle.rootUnitId) || unitId === cycle.rootUnitId);
    if (!inCycle || !inScope(this.access.readScope(principal), ancestry)) throw new NotFoundError('Unit in cycle', `${cycleId}/${unitId}`);
    return { cycle, ancestry };
  }
}
