import type { SubjectType } from '../domain/enums.js';

// Workflow ids are the join key between Temporal and PostgreSQL: deterministic, so a retried
// start finds the workflow it already started instead of starting a second one.

export function cycleWorkflowId(cycleId: string): string {
  return `cycle:${cycleId}`;
}

export function unitWorkflowId(cycleId: string, unitId: string): string {
  return `unit:${cycleId}:${unitId}`;
}

export function reviewWorkflowId(cycleId: string, subjectType: SubjectType, subjectId: string): string {
  return `review:${cycleId}:${subjectType}:${subjectId}`;
}

/** The run that takes a review reopened by calibration through its remediation plan (the first run has closed). */
export function remediationWorkflowId(reviewWorkflowId: string): string {
  return `${reviewWorkflowId}:remediation`;
}

/** One per registry import: a replayed import request finds it instead of starting another. */
export function registryChangesWorkflowId(importId: string): string {
  return `registry-changes:${importId}`;
}

/** One per bulk operation (a calendar move, a cancel): its sweep runs there. */
export function operationWorkflowId(operationId: string): string {
  return `operation:${operationId}`;
}
