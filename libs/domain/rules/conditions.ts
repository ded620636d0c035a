import type { Classification } from '../classification.js';
import { isAbove } from '../classification.js';
import type { DisciplineLevel, SubjectType } from '../enums.js';
import type { FieldError } from '../errors.js';

/** The conditions a rule set may impose on a classification, whatever the score. */
export type ConditionId = 'discipline' | 'collective_discipline' | 'previous_shortcomings' | 'duty_discipline' | 'task_timeliness';

export interface DisciplineRecord {
  year: number;
  level: DisciplineLevel;
  /** Self-detected and remedied (the regulation's words): such a violation does not count. */
  selfDetected: boolean;
  /** A violation in the performance of duty; absent on records imported before the flag. */
  dutyRelated?: boolean;
}

/**
 * What the conditions need to know about a subject, gathered when its review is launched.
 * A review launched before rule sets had facts has none, and no condition applies to it.
 */
export interface SubjectFacts {
  /** The person's discipline records of the cycle's year (every level is reprimand or above). */
  discipline: DisciplineRecord[];
  /** A unit subject: whether a subordinate unit's head or a leadership member was disciplined that year. */
  subordinateDisciplined: boolean;
  /** Shortcomings of the subject's previous review not remedied; null when there was no previous review. */
  unremediedShortcomings: string[] | null;
  /** A unit subject: how many of its own members were disciplined that year for a violation in the performance of duty (absent before the rule). */
  dutyDisciplinedMembers?: number;
}

/** A ceiling a condition puts on the classification, with the reason stated in numbers. */
export interface ConditionLimit {
  rule: ConditionId;
  highest: Classification;
  reason: string;
}

export function conditionLimits(conditions: readonly ConditionId[], subjectType: SubjectType, facts: SubjectFacts): ConditionLimit[] {
  const limits: ConditionLimit[] = [];
  if (conditions.includes('discipline') && subjectType === 'person') {
    const counted = facts.discipline.filter((d) => !d.selfDetected);
    if (counted.length > 0) {
      const levels = counted.map((d) => `${d.level} ${d.year}`).join(', ');
      limits.push({ rule: 'discipline', highest: 'not_completed', reason: `disciplined in the cycle's year (${levels}), not self-detected and remedied` });
    }
  }
  if (conditions.includes('collective_discipline') && subjectType === 'unit' && facts.subordinateDisciplined) {
    limits.push({ rule: 'collective_discipline', highest: 'good', reason: "a subordinate unit's head or leadership member was disciplined that year" });
  }
  const dutyDisciplined = facts.dutyDisciplinedMembers ?? 0;
  if (conditions.includes('duty_discipline') && subjectType === 'unit' && dutyDisciplined > 0) {
    const who = dutyDisciplined === 1 ? 'a member' : `${dutyDisciplined} members`;
    limits.push({ rule: 'duty_discipline', highest: 'not_completed', reason: `${who} of the collective disciplined that year for a violation in the performance of duty` });
  }
  if (conditions.includes('previous_shortcomings') && facts.unremediedShortcomings !== null && facts.unremediedShortcomings.length > 0) {
    const n = facts.unremediedShortcomings.length;
    limits.push({ rule: 'previous_shortcomings', highest: 'good', reason: `${n} shortcoming${n === 1 ? '' : 's'} of the previous review not remedied` });
  }
  return limits;
}

/** Every condition the classification breaks, as field errors on `path`. */
export function checkConditions(
  conditions: readonly ConditionId[],
  subjectType: SubjectType,
  facts: SubjectFacts,
  classification: Classification,
  path: string,
): FieldError[] {
  return conditionLimits(conditions, subjectType, facts)
    .filter((limit) => isAbove(classification, limit.highest))
    .map((limit) => conditionError(limit, classification, path));
}

/** A limit the classification breaks, in words: "condition task_timeliness: …; allows at most completed, not good". */
export function conditionError(limit: ConditionLimit, classification: Classification, path: string): FieldError {
  return { path, message: `condition ${limit.rule}: ${limit.reason}; allows at most ${limit.highest}, not ${classification}` };
}
