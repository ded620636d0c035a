import type { DataSource, EntityManager } from 'typeorm';
import type { Classification } from '../domain/classification.js';
import { addCounts, emptyCounts, type ClassificationCounts } from '../domain/report-counts.js';

export interface ReportTotals {
  people: ClassificationCounts;
  units: ClassificationCounts;
  remediationPlans: number;
}

/**
 * A unit's figures: the reviews it decided itself plus what its children reported. Reports
 * roll up level by level, so a parent counts what its children submitted.
 */
export async function reportTotals(db: DataSource | EntityManager, cycleId: string, unitId: string): Promise<ReportTotals> {
  const own: Array<{ subject_type: 'person' | 'unit'; classification: Classification; n: string; plans: string }> = await db.query(
    `SELECT subject_type, classification, count(*) AS n,
            count(*) FILTER (WHERE state->'remediationPlan' <> 'null'::jsonb) AS plans
       FROM reviews WHERE cycle_id = $1 AND owner_unit_id = $2 AND status = 'done'
      GROUP BY subject_type, classification`,
    [cycleId, unitId],
  );
  const children: Array<{ people: ClassificationCounts; units: ClassificationCounts; remediation_plans: number }> = await db.query(
    `SELECT people, units, remediation_plans FROM reports WHERE cycle_id = $1 AND parent_unit_id = $2 AND status = 'submitted'`,
    [cycleId, unitId],
  );
  let people = emptyCounts();
  let units = emptyCounts();
  let remediationPlans = 0;
  for (const row of own) {
    const counts = row.subject_type === 'person' ? people : units;
    counts[row.classification] += Number(row.n);
    counts.total += Number(row.n);
    remediationPlans += Number(row.plans);
  }
  for (const child of children) {
    people = addCounts(people, child.people);
    units = addCounts(units, child.units);
    remediationPlans += child.remediation_plans;
  }
  return { people, units, remediationPlans };
}
