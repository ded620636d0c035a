import type { Classification } from '../classification.js';
import type { ConditionId, ConditionLimit } from './conditions.js';

/** How the subject reports each target at year end (reg 366 Art. 10–11). */
export const TARGET_COMPLETIONS = ['on_time', 'late', 'not_completed'] as const;
export type TargetCompletion = (typeof TARGET_COMPLETIONS)[number];

/** A result without a completion status was sent by a client written before it: it counts as on time. */
export const DEFAULT_COMPLETION: TargetCompletion = 'on_time';

/** The share of `completed` tasks that may be late; `good` and above allow none. */
export const LATE_PERCENT_MAX = 20;

/** The targets' completion figures: "4/5 on time, 1 late (20%)". */
export interface Timeliness {
  total: number;
  onTime: number;
  late: number;
  notCompleted: number;
  /** late / total in percent, two decimals. */
  latePercent: number;
}

export function timelinessOf(results: ReadonlyArray<{ completion?: TargetCompletion | null }>): Timeliness {
  const count = (c: TargetCompletion) => results.filter((r) => (r.completion ?? DEFAULT_COMPLETION) === c).length;
  const total = results.length;
  const late = count('late');
  return { total, onTime: count('on_time'), late, notCompleted: count('not_completed'), latePercent: total === 0 ? 0 : Math.round((late * 10_000) / total) / 100 };
}

/**
 * The ceiling timeliness puts on the classification: `good` and `excellent` need every task on
 * time; `completed` needs every task done, at most 20% of them late (in integers: 1 of 5 is
 * exactly at the edge); anything else is `not_completed`. Null when every task was on time.
 */
export function timelinessLimit(conditions: readonly ConditionId[], t: Timeliness): ConditionLimit | null {
  if (!conditions.includes('task_timeliness') || t.onTime === t.total) return null;
  const limit = (highest: Classification, reason: string): ConditionLimit => ({ rule: 'task_timeliness', highest, reason });
  if (t.notCompleted > 0) return limit('not_completed', `${t.notCompleted} of ${t.total} tasks not completed`);
  if (t.late * 100 > t.total * LATE_PERCENT_MAX) return limit('not_completed', `${t.late} of ${t.total} tasks completed late (${t.latePercent}%), more than ${LATE_PERCENT_MAX}%`);
  return limit('completed', `${t.late} of ${t.total} tasks completed late (${t.latePercent}%); good and excellent need every task on time`);
}
