import type { RuleSet } from './rule-set.js';

/** Regulation 124-QĐ/TW (4 Oct 2023): no score, the level is chosen against the criteria. */
export const REG_124_2023: RuleSet = {
  id: 'reg-124-2023',
  version: 1,
  title: 'Quy định 124-QĐ/TW (2023)',
  scored: false,
  bands: null,
  conditions: ['discipline'],
  quota: { percent: 20, maxRaisedPercent: null },
  decidingReview: 'none',
  remediationFor: ['completed', 'not_completed'],
};
