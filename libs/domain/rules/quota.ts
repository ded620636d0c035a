import type { Classification } from '../classification.js';
import type { SubjectType } from '../enums.js';

/** Quota of a rule set: `excellent` at most `percent`% of `good` per group; raisable to `maxRaisedPercent`. */
export interface QuotaRule {
  percent: number;
  /** How far the level above may raise one unit's quota; null when the rule set allows no raise. */
  maxRaisedPercent: number | null;
}

/** Subjects of similar position: same deciding unit, same subject type. */
export interface QuotaGroup {
  decidingUnitId: string;
  subjectType: SubjectType;
  excellent: number;
  good: number;
}

export interface QuotaBreach extends QuotaGroup {
  percent: number;
  message: string;
}

/** In integers so 2 of 10 at 20% is exactly at the edge: excellent × 100 ≤ good × percent. */
export function fitsQuota(excellent: number, good: number, percent: number): boolean {
  return excellent * 100 <= good * percent;
}

export function quotaBreaches(groups: readonly QuotaGroup[], percent: number): QuotaBreach[] {
  return groups
    .filter((g) => !fitsQuota(g.excellent, g.good, percent))
    .map((g) => ({ ...g, percent, message: `quota: ${g.subjectType} subjects decided by ${g.decidingUnitId}: excellent ${g.excellent} > ${percent}% of good ${g.good}` }));
}

/** Groups classified reviews by (deciding unit, subject type). */
export function quotaGroups(reviews: ReadonlyArray<{ decidingUnitId: string; subjectType: SubjectType; classification: Classification | null }>): QuotaGroup[] {
  const groups = new Map<string, QuotaGroup>();
  for (const r of reviews) {
    const key = `${r.decidingUnitId}\u0000${r.subjectType}`;
    const group = groups.get(key) ?? { decidingUnitId: r.decidingUnitId, subjectType: r.subjectType, excellent: 0, good: 0 };
    if (r.classification === 'excellent') group.excellent++;
    if (r.classification === 'good') group.good++;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (a.decidingUnitId + a.subjectType < b.decidingUnitId + b.subjectType ? -1 : 1));
}
