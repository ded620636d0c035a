import { dueAtFor, opensAtFor } from '../calendar.js';
import { isAbove, type Classification } from '../classification.js';
import type { TaskKind } from '../enums.js';
import { RuleViolationError, type FieldError } from '../errors.js';
import { checkBand } from '../rules/bands.js';
import { checkConditions, conditionError } from '../rules/conditions.js';
import type { RuleSet } from '../rules/rule-set.js';
import { ruleSetFor } from '../rules/rule-sets.js';
import { timelinessLimit, timelinessOf } from '../rules/timeliness.js';
import type { OpenTask, ReviewEvent, ReviewEventType, ReviewState, SelfAssessment } from './review-state.js';

// What every transition of a review is built from: the history entry it records, the task it
// opens, and the rules a classification is checked against. Shared by the review machine and the
// standing committee's review.

/** The review after an action, and the history entry that records the action. */
export interface Transition {
  state: ReviewState;
  event: ReviewEvent;
}

export interface DecideOptions {
  /**
   * Skip the conditions (discipline, previous shortcomings): the update's validator cannot read
   * the registry, so the handler checks them against the facts as they stand when it decides.
   */
  deferConditions?: boolean;
}

/** The rule set's version the review was launched with. */
export function ruleSetOf(state: ReviewState): RuleSet {
  return ruleSetFor(state.ruleSetId, state.ruleSetVersion);
}

/**
 * The bands and conditions of the rule set, for reviews launched with facts (older ones keep their
 * rules); conditions on facts may be deferred to when the current facts are read. Timeliness reads
 * only the results; only the versions that have it ask for it.
 */
export function ruleChecks(state: ReviewState, score: number | null, results: SelfAssessment['results'], classification: Classification, path: string, options: DecideOptions): FieldError[] {
  const ruleSet = ruleSetOf(state);
  const errors: FieldError[] = [];
  if (state.facts) {
    if (ruleSet.bands && score !== null) {
      const band = checkBand(ruleSet.bands, score, classification, path);
      if (band) errors.push(band);
    }
    if (!options.deferConditions) errors.push(...checkConditions(ruleSet.conditions, state.subject.type, state.facts, classification, path));
  }
  const timeliness = timelinessLimit(ruleSet.conditions, timelinessOf(results));
  if (timeliness && isAbove(classification, timeliness.highest)) errors.push(conditionError(timeliness, classification, path));
  return errors;
}

/** A rule refused the classification: the detail names every rule and its numbers. */
export function throwIfBroken(errors: FieldError[]): void {
  if (errors.length > 0) throw new RuleViolationError(errors.map((e) => e.message).join('; '), errors);
}

/** Opens the task for whoever acts next; its id names the event that opened it. */
export function withTask(state: ReviewState, kind: TaskKind, assigneeId: string, seq: number, at: string): ReviewState {
  const task: OpenTask = { id: `${state.reviewId}:${seq}:${kind}`, kind, assigneeId, dueAt: dueAtFor(state.calendar, kind), createdAt: at };
  const opensAt = state.calendarTimed ? opensAtFor(state.calendar, kind) : null;
  if (opensAt !== null && Date.parse(opensAt) > Date.parse(at)) task.opensAt = opensAt;
  return { ...state, task };
}

/** The next state with its history entry: one more in the review's sequence. */
export function record(
  before: ReviewState,
  after: ReviewState,
  actorId: string,
  type: ReviewEventType,
  at: string,
  data: Record<string, unknown>,
): Transition {
  const seq = before.seq + 1;
  return {
    state: { ...after, seq, updatedAt: at },
    event: { seq, at, actorId, type, data: { ...data, step: after.step, status: after.status } },
  };
}
