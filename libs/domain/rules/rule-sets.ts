import { REG_124_2023, REG_124_2023_V1 } from './reg-124-2023.js';
import { REG_366_2025, REG_366_2025_V2 } from './reg-366-2025.js';
import type { RuleSet, RuleSetId } from './rule-set.js';

/** Every version of each rule set, oldest first: a cycle keeps the version it was launched with. */
const VERSIONS: Record<RuleSetId, readonly RuleSet[]> = {
  'reg-366-2025': [REG_366_2025, REG_366_2025_V2],
  'reg-124-2023': [REG_124_2023_V1, REG_124_2023],
};

/**
 * The rule set as a cycle or review recorded it. No version recorded means version 1: what
 * every cycle and review stored before versions existed ran under.
 */
export function ruleSetFor(id: RuleSetId, version: number = 1): RuleSet {
  const versions = VERSIONS[id];
  return versions.find((r) => r.version === version) ?? versions[0]!;
}

/** The newest version of a rule set: what a new cycle is launched with unless it names another. */
export function latestRuleSet(id: RuleSetId): RuleSet {
  const versions = VERSIONS[id];
  return versions[versions.length - 1]!;
}

/** The versions a cycle may be launched with. */
export function ruleSetVersions(id: RuleSetId): number[] {
  return VERSIONS[id].map((r) => r.version);
}
