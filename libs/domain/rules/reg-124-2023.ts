import type { RuleSet } from './rule-set.js';

/**
 * Regulation 124-QĐ/TW (4 Oct 2023): no score, the level is chosen against the criteria.
 * Version 2 adds what version 1 left out: a collective is excellent only if no leader of it or of a
 * unit below was disciplined that year, and a cell's members are proposed by the cell and decided
 * by the grassroots committee.
 */
export const REG_124_2023: RuleSet = {
  id: 'reg-124-2023',
  version: 2,
  title: 'Quy định 124-QĐ/TW (2023)',
  scored: false,
  bands: null,
  conditions: ['discipline', 'collective_discipline'],
  quota: { percent: 20, maxRaisedPercent: null },
  decidingReview: 'cell_members',
  remediationFor: ['completed', 'not_completed'],
};

/** Version 1, kept for the cycles launched with it: the person-level discipline condition only, no deciding review. */
export const REG_124_2023_V1: RuleSet = { ...REG_124_2023, version: 1, conditions: ['discipline'], decidingReview: 'none' };
