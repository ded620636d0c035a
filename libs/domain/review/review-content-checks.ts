import type { FieldError } from '../errors.js';
import { REVIEW_LIMITS, type AssignTargetsCommand, type SubmitSelfAssessmentCommand } from './review-commands.js';
import type { Target } from './review-state.js';

// Checks that need more than one field or the review's state. Per-field ranges are checked when
// the request is parsed; these return every problem at once, each with the path a client wrote.

export function checkTargetWeights(targets: AssignTargetsCommand['targets']): FieldError[] {
  const weighted = targets.filter((t) => t.weight !== undefined && t.weight !== null);
  if (weighted.length === 0) return [];
  const errors: FieldError[] = [];
  targets.forEach((t, i) => {
    if (t.weight === undefined || t.weight === null) {
      errors.push({ path: `targets[${i}].weight`, message: 'give a weight for every target, or for none' });
    }
  });
  if (errors.length > 0) return errors;
  const total = weighted.reduce((sum, t) => sum + (t.weight ?? 0), 0);
  if (total !== REVIEW_LIMITS.weightTotal) {
    errors.push({ path: 'targets', message: `weights sum to ${total}; they must sum to ${REVIEW_LIMITS.weightTotal}` });
  }
  return errors;
}

export function checkResultsCoverTargets(results: SubmitSelfAssessmentCommand['results'], targets: readonly Target[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<number, number>();
  results.forEach((r, i) => {
    if (r.targetIndex < 0 || r.targetIndex >= targets.length) {
      errors.push({ path: `results[${i}].targetIndex`, message: `no target ${r.targetIndex}; targets are numbered 0 to ${targets.length - 1}` });
    } else if (seen.has(r.targetIndex)) {
      errors.push({ path: `results[${i}].targetIndex`, message: `target ${r.targetIndex} already has a result (results[${seen.get(r.targetIndex)}])` });
    } else {
      seen.set(r.targetIndex, i);
    }
  });
  targets.forEach((_, index) => {
    if (!seen.has(index)) errors.push({ path: 'results', message: `target ${index} has no result; give one result per target` });
  });
  return errors;
}
