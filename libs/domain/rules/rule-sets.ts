import { REG_124_2023, REG_124_2023_V1 } from './reg-124-2023.js';
import { REG_366_2025 } from './reg-366-2025.js';
import type { RuleSet, RuleSetId } from './rule-set.js';

/** The current definition of each rule set: what a new cycle is launched with. */
const RULE_SETS: Record<RuleSetId, RuleSet> = {
  'reg-366-2025': REG_366_2025,
  'reg-124-2023': REG_124_2023,
};

/** Earlier versions, kept so a running cycle keeps the definition it was launched with. */
const EARLIER_VERSIONS: readonly RuleSet[] = [REG_124_2023_V1];

/**
 * A rule set by id; with a version, that version (cycles and reviews store the version they were
 * launched with: absent there means 1, from before versions were stored).
 */
export function ruleSetFor(id: RuleSetId, version?: number): RuleSet {
  const current = RULE_SETS[id];
  if (version === undefined || current === undefined || version === current.version) return current;
  return EARLIER_VERSIONS.find((r) => r.id === id && r.version === version) ?? current;
}
