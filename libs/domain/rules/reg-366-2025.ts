import type { RuleSet } from './rule-set.js';

/** Regulation 366-QĐ/TW (30 Aug 2025) with Guidance 43-HD/BTCTW. */
export const REG_366_2025: RuleSet = {
  id: 'reg-366-2025',
  title: 'Quy định 366-QĐ/TW (2025)',
  scored: true,
  remediationFor: ['completed', 'not_completed'],
};
