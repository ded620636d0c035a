import { ApplicationFailure } from '@temporalio/common';
import { PERMANENT_DATABASE_ERROR } from '../temporal/storage-refusal.js';

// PostgreSQL error classes that no retry can fix: data exceptions, integrity violations,
// syntax or access rule violations. Everything else (connections, timeouts, deadlocks) retries.
const PERMANENT_SQLSTATE_CLASSES = ['22', '23', '42'];

function isPermanent(error: unknown): error is Error {
  const code = (error as { driverError?: { code?: unknown }; code?: unknown })?.driverError?.code ?? (error as { code?: unknown })?.code;
  return typeof code === 'string' && PERMANENT_SQLSTATE_CLASSES.includes(code.slice(0, 2));
}

/** Wraps each activity so a permanent database error fails it at once instead of retrying forever. */
export function failFastOnPermanentErrors<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, activity]) => [
      name,
      async (...args: never[]) => {
        try {
          return await activity(...args);
        } catch (error) {
          if (isPermanent(error)) throw ApplicationFailure.nonRetryable(`${name}: ${error.message}`, PERMANENT_DATABASE_ERROR);
          throw error;
        }
      },
    ]),
  ) as T;
}
