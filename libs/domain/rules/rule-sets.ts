import { REG_124_2023 } from './reg-124-2023.js';
import { REG_366_2025 } from './reg-366-2025.js';
import type { RuleSet, RuleSetId } from './rule-set.js';

const RULE_SETS: Record<RuleSetId, RuleSet> = {
  'reg-366-2025': REG_366_2025,
  'reg-124-2023': REG_124_2023,
};

export function ruleSetFor(id: RuleSetId): RuleSet {
  return RULE_SETS[id];
}
