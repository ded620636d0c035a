import type { RuleSet } from './rule-set.js';

/** Regulation 124-QĐ/TW (4 Oct 2023): no score, the level is chosen against the criteria. */
export const REG_124_2023: RuleSet = {
  id: 'reg-124-2023',
  title: 'Quy định 124-QĐ/TW (2023)',
  scored: false,
  remediationFor: ['completed', 'not_completed'],
};
