import { REG_366_BANDS } from './bands.js';
import type { RuleSet } from './rule-set.js';

/** Regulation 366-QĐ/TW (30 Aug 2025) with Guidance 43-HD/BTCTW, as first shipped. */
export const REG_366_2025: RuleSet = {
  id: 'reg-366-2025',
  version: 1,
  title: 'Quy định 366-QĐ/TW (2025)',
  scored: true,
  bands: REG_366_BANDS,
  conditions: ['discipline', 'collective_discipline', 'previous_shortcomings'],
  quota: { percent: 20, maxRaisedPercent: 25 },
  decidingReview: 'cell_members',
  remediationFor: ['completed', 'not_completed'],
};

/**
 * Version 2 adds Art. 10–11's conditions (issue #12): the timeliness of tasks (good and above need
 * every task on time, completed at most 20% late) and a collective with a member disciplined for
 * a violation in the performance of duty is not completed.
 */
export const REG_366_2025_V2: RuleSet = {
  ...REG_366_2025,
  version: 2,
  conditions: [...REG_366_2025.conditions, 'duty_discipline', 'task_timeliness'],
};
