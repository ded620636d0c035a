import { RuleViolationError } from '../../../libs/domain/errors.js';
import { latestRuleSet, ruleSetFor, ruleSetVersions } from '../../../libs/domain/rules/rule-sets.js';
import { DEFAULT_RULE_SET } from '../../../libs/domain/rules/rule-set.js';
import type { CyclePolicy } from '../../../libs/persistence/entities/index.js';
import type { CreateCycleBody } from './cycle.schemas.js';

/**
 * The policy a cycle runs under, fixed at launch: the rule set (with its version) and the
 * overrides the rule set allows. A quota override may only be stricter than the regulation's.
 */
export function cyclePolicy(requested: CreateCycleBody['policy']): CyclePolicy {
  const id = requested?.ruleSet ?? DEFAULT_RULE_SET;
  // New cycles run the newest version; an older one only when asked for by number.
  const version = requested?.ruleSetVersion;
  if (version !== undefined && !ruleSetVersions(id).includes(version)) {
    throw new RuleViolationError(`rule set: ${id} has versions ${ruleSetVersions(id).join(', ')}, not ${version}`, [
      { path: 'policy.ruleSetVersion', message: `one of ${ruleSetVersions(id).join(', ')} for ${id}` },
    ]);
  }
  const ruleSet = version === undefined ? latestRuleSet(id) : ruleSetFor(id, version);
  const quota = requested?.excellentQuotaPercent;
  if (quota !== undefined && quota > ruleSet.quota.percent) {
    throw new RuleViolationError(`quota: ${ruleSet.id} allows excellent at most ${ruleSet.quota.percent}% of good; ${quota}% is looser`, [
      { path: 'policy.excellentQuotaPercent', message: `at most ${ruleSet.quota.percent} under ${ruleSet.id}` },
    ]);
  }
  return { ruleSet: ruleSet.id, ruleSetVersion: ruleSet.version, ...(quota !== undefined ? { excellentQuotaPercent: quota } : {}) };
}
