import { SetMetadata } from '@nestjs/common';

// What a route refuses for reasons of its own (who may call it, what it looks up, what state it
// needs). The statuses every route of a kind can return (401 with a token, 400 with a body, 503)
// are added to the document by addProblemResponses, with these; a test checks every route carries this.
// Metadata only, not @ApiResponse: a route with any @ApiResponse loses the success answer Nest
// would otherwise declare for it.

export const API_PROBLEMS = 'openapi:problems';

export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 503;

export const PROBLEM_MEANINGS: Record<ProblemStatus, string> = {
  400: 'Invalid input: `errors` names every offending field',
  401: 'No token, an expired one, or bad credentials',
  403: 'Authenticated but not allowed (or a cookie session without its X-CSRF-Token)',
  404: 'Unknown id, or outside the caller’s scope',
  405: 'Method not allowed on this path (see the Allow header)',
  409: 'Does not fit the current state (wrong step, already done, exists, or the same Idempotency-Key still in progress)',
  413: 'Body too large',
  415: 'Unsupported body encoding or charset',
  422: 'Idempotency-Key reused with another body',
  429: 'Too many failed sign-ins for this username: retry after Retry-After seconds',
  503: 'PostgreSQL or Temporal is unavailable: retry after Retry-After seconds (with the same Idempotency-Key, no second effect)',
};

/** Declares the problem answers a route gives beyond those of its kind; `@ApiProblems()` when it has none. */
export function ApiProblems(...statuses: ProblemStatus[]): MethodDecorator {
  return SetMetadata(API_PROBLEMS, statuses);
}
