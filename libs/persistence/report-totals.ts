import type { DataSource, EntityManager } from 'typeorm';
import type { Classification } from '../domain/classification.js';
import { addCounts, addFourGood, emptyCounts, type ClassificationCounts, type FourGoodCounts } from '../domain/report-counts.js';

export interface ReportTotals {
  people: ClassificationCounts;
  units: ClassificationCounts;
  remediationPlans: number;
  /** Cells rated on the four good criteria, and how many achieved all four (0 of 0 without the set). */
  fourGoodCells: FourGoodCounts;
}

/**
 * A unit's figures: the reviews it decided itself plus what its children reported. Reports
 * roll up level by level, so a parent counts what its children submitted.
 */
export async function reportTotals(db: DataSource | EntityManager, cycleId: string, unitId: string): Promise<ReportTotals> {
  // Four good: the done collective reviews that carry the set are the rated cells (M, the same
  // basis as the other counts: withdrawn and cancelled ones are left out); N achieved all four.
  const own: Array<{ subject_type: 'person' | 'unit'; classification: Classification; n: string; plans: string; rated: string; achieved: string }> = await db.query(
    `SELECT subject_type, classification, count(*) AS n,
            count(*) FILTER (WHERE state->'remediationPlan' <> 'null'::jsonb) AS plans,
            count(*) FILTER (WHERE state->>'cellCriteria' = 'four_good') AS rated,
            count(*) FILTER (WHERE state->>'cellCriteria' = 'four_good' AND state->'review'->'fourGood'->>'overall' = 'achieved') AS achieved
       FROM reviews WHERE cycle_id = $1 AND owner_unit_id = $2 AND status = 'done'
      GROUP BY subject_type, classification`,
    [cycleId, unitId],
  );
  const children: Array<{ people: ClassificationCounts; units: ClassificationCounts; remediation_plans: number; four_good_cells: FourGoodCounts }> = await db.query(
    `SELECT people, units, remediation_plans, four_good_cells FROM reports WHERE cycle_id = $1 AND parent_unit_id = $2 AND status = 'submitted'`,
    [cycleId, unitId],
  );
  let people = emptyCounts();
  let units = emptyCounts();
  let remediationPlans = 0;
  let fourGoodCells: FourGoodCounts = { achieved: 0, total: 0 };
  for (const row of own) {
    const counts = row.subject_type === 'person' ? people : units;
    counts[row.classification] += Number(row.n);
    counts.total += Number(row.n);
    remediationPlans += Number(row.plans);
    fourGoodCells = addFourGood(fourGoodCells, { achieved: Number(row.achieved), total: Number(row.rated) });
  }
  for (const child of children) {
    people = addCounts(people, child.people);
    units = addCounts(units, child.units);
    remediationPlans += child.remediation_plans;
    fourGoodCells = addFourGood(fourGoodCells, child.four_good_cells);
  }
  return { people, units, remediationPlans, fourGoodCells };
}
