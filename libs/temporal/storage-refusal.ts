import { ApplicationFailure } from '@temporalio/common';
import { ErrorCode } from '../domain/errors.js';

// A projection PostgreSQL refused for good (failFastOnPermanentErrors marks it) means the action
// cannot be stored: the workflow keeps its state and the caller gets a validation error (400)
// instead of a workflow that moved ahead of the read model.

export const PERMANENT_DATABASE_ERROR = 'PermanentDatabaseError';

/** The failure an update handler throws when its projection was refused; anything else unchanged. */
export function storageRefusal(error: unknown): unknown {
  const cause = refusalIn(error);
  if (!cause) return error;
  return ApplicationFailure.create({
    type: ErrorCode.ValidationFailed,
    message: `PostgreSQL could not store this action, so nothing changed: ${cause.message}`,
    details: [[]],
    nonRetryable: true,
  });
}

/** The activity's own failure, whether it arrives as is (local activities) or wrapped in an ActivityFailure. */
function refusalIn(error: unknown): ApplicationFailure | null {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (current instanceof ApplicationFailure && current.type === PERMANENT_DATABASE_ERROR) return current;
  }
  return null;
}
