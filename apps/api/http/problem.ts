import { HttpException } from '@nestjs/common';
import { DomainError, ErrorCode, type FieldError } from '../../../libs/domain/errors.js';
import { unavailableDependency } from './unavailable-dependency.js';

// The one place where errors become HTTP statuses and RFC 9457 problem documents.

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.RuleViolated]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.CsrfRejected]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.WrongStep]: 409,
  [ErrorCode.AlreadyExists]: 409,
  [ErrorCode.AlreadyDone]: 409,
  [ErrorCode.Closed]: 409,
  [ErrorCode.NotOpenYet]: 409,
  [ErrorCode.RequestInProgress]: 409,
  [ErrorCode.RegistryIncomplete]: 409,
  [ErrorCode.IdempotencyKeyReused]: 422,
  [ErrorCode.TooManyAttempts]: 429,
};

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict with the current state',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Idempotency key reused',
  429: 'Too many attempts',
  500: 'Internal error',
  503: 'Service unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  requestId: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemFor(error: unknown, requestId: string): Problem {
  if (error instanceof DomainError) {
    const status = STATUS_BY_CODE[error.code];
    const problem: Problem = { type: `/problems/${error.code}`, title: TITLES[status] ?? 'Error', status, detail: error.message, requestId };
    if (error.errors.length > 0) problem.errors = error.errors;
    return problem;
  }
  const transport = transportStatus(error);
  if (transport !== null) {
    const detail = transport.status === 400 ? 'The body is not valid JSON.' : transport.message;
    return { type: `/problems/http-${transport.status}`, title: TITLES[transport.status] ?? 'Error', status: transport.status, detail, requestId };
  }
  const down = unavailableDependency(error);
  if (down !== null) {
    return { type: '/problems/unavailable', title: TITLES[503]!, status: 503, detail: `${down} is unavailable; retry later (with the same Idempotency-Key a retry has no second effect).`, requestId };
  }
  return { type: '/problems/internal', title: TITLES[500]!, status: 500, detail: 'An unexpected error occurred; it was logged with this request id.', requestId };
}

/** Errors raised by the HTTP stack itself: unknown route, unparsable or oversized body. */
function transportStatus(error: unknown): { status: number; message: string } | null {
  if (error instanceof HttpException) return { status: error.getStatus(), message: error.message };
  const candidate = error as { status?: unknown; statusCode?: unknown; type?: unknown; message?: unknown };
  const status = typeof candidate?.status === 'number' ? candidate.status : typeof candidate?.statusCode === 'number' ? candidate.statusCode : null;
  if (status !== null && status >= 400 && status < 500 && typeof candidate.type === 'string') {
    return { status, message: String(candidate.message) };
  }
  return null;
}
