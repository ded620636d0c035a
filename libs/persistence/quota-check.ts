import type { DataSource, EntityManager } from 'typeorm';
import type { Classification } from '../domain/classification.js';
import type { SubjectType } from '../domain/enums.js';
import { quotaBreaches, quotaGroups, type QuotaBreach } from '../domain/rules/quota.js';
import { ruleSetFor } from '../domain/rules/rule-sets.js';
import { CycleEntity } from './entities/index.js';

export interface QuotaCheck {
  fits: boolean;
  percent: number;
  breaches: QuotaBreach[];
}

/** The unit's excellent quota in this cycle: the raise the level above granted, else the cycle's, else the rule set's. */
export async function quotaPercentOf(db: DataSource | EntityManager, cycleId: string, unitId: string): Promise<number> {
  const cycle = await db.getRepository(CycleEntity).findOneByOrFail({ id: cycleId });
  const rows: Array<{ excellent_percent: number }> = await db.query(`SELECT excellent_percent FROM unit_quotas WHERE cycle_id = $1 AND unit_id = $2`, [cycleId, unitId]);
  return rows[0]?.excellent_percent ?? cycle.policy.excellentQuotaPercent ?? ruleSetFor(cycle.policy.ruleSet, cycle.policy.ruleSetVersion).quota.percent;
}

/** Checks every group (subject type) of the done reviews the unit decides against its quota. */
export async function checkUnitQuota(db: DataSource | EntityManager, cycleId: string, unitId: string): Promise<QuotaCheck> {
  const percent = await quotaPercentOf(db, cycleId, unitId);
  const reviews: Array<{ subjectType: SubjectType; classification: Classification | null }> = await db.query(
    `SELECT subject_type AS "subjectType", classification FROM reviews WHERE cycle_id = $1 AND deciding_unit_id = $2 AND status = 'done'`,
    [cycleId, unitId],
  );
  const breaches = quotaBreaches(quotaGroups(reviews.map((r) => ({ ...r, decidingUnitId: unitId }))), percent);
  return { fits: breaches.length === 0, percent, breaches };
}
