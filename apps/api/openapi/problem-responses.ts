import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_MEANINGS, type ProblemStatus } from './api-problems.js';
import { problemContent } from './problem-schema.js';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Parameter = { in?: string };

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** Answers from the process alone: no dependency can be down, nothing to refuse. */
const LIVENESS_PATH = '/health';
/** Node's HTTP server refuses a request line and headers over 16 KB itself, before the API, with an empty body. */
const OVERSIZE_REQUEST_LINE = 431;
const OVERSIZE_RESPONSE = { description: 'Request line and headers over 16 KB (long query values): refused by the HTTP server, with no body' };

/**
 * The problems an operation can answer by its kind alone, whatever the route does:
 * a token → 401; a write by a cookie session without its CSRF token → 403; a body → 400 (invalid,
 * unparsable or missing), 413, 415; any parameter → 400 (validation, text PostgreSQL cannot store);
 * a path id → 404; an authenticated POST takes an Idempotency-Key → 409 (same key in progress), 422;
 * anything that reads PostgreSQL or Temporal → 503.
 */
export function problemsOfKind(path: string, method: string, operation: Operation): ProblemStatus[] {
  const statuses = new Set<ProblemStatus>();
  const parameters = (operation.parameters ?? []) as Parameter[];
  const authenticated = (operation.security?.length ?? 0) > 0;
  if (authenticated) statuses.add(401);
  if (authenticated && method !== 'get') statuses.add(403);
  if (operation.requestBody) [400, 413, 415].forEach((s) => statuses.add(s as ProblemStatus));
  if (parameters.length > 0) statuses.add(400);
  if (parameters.some((p) => p.in === 'path')) statuses.add(404);
  if (authenticated && method === 'post') [400, 409, 422].forEach((s) => statuses.add(s as ProblemStatus));
  if (path !== LIVENESS_PATH) statuses.add(503);
  return [...statuses];
}

/** Every operation: its own problems and those of its kind declared, every error answer pointing at the one Problem schema. */
export function addProblemResponses(document: OpenAPIObject, ownProblems: Map<string, ProblemStatus[]>): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const own = ownProblems.get(operation.operationId ?? '') ?? [];
      for (const status of [...own, ...problemsOfKind(path, method, operation)]) {
        operation.responses[status] ??= { description: PROBLEM_MEANINGS[status], content: problemContent() };
      }
      if (((operation.parameters ?? []) as Parameter[]).some((p) => p.in === 'query')) operation.responses[OVERSIZE_REQUEST_LINE] ??= OVERSIZE_RESPONSE;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400 && response && 'description' in response && !response.content) response.content = problemContent();
      }
    }
  }
}
