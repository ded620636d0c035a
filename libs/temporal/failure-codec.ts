import { ApplicationFailure } from '@temporalio/common';
import { DomainError, domainErrorFrom, type FieldError } from '../domain/errors.js';

// Domain errors cross Temporal as non-retryable ApplicationFailures: `type` is the ErrorCode,
// the first detail the field errors. The API turns them back into domain errors.

export function toApplicationFailure(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  return ApplicationFailure.create({ type: error.code, message: error.message, details: [error.errors], nonRetryable: true });
}

/** Finds a domain error in a Temporal failure chain (update failure → cause → …), if there is one. */
export function domainErrorIn(error: unknown): DomainError | null {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (current instanceof DomainError) return current;
    if (current instanceof ApplicationFailure && current.type) {
      const errors = (current.details?.[0] as FieldError[] | undefined) ?? [];
      const found = domainErrorFrom(current.type, current.message, errors);
      if (found) return found;
    }
  }
  return null;
}
