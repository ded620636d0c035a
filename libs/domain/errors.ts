// Domain errors: one class per family, each carrying an ErrorCode. The API maps codes to HTTP
// status in one place (apps/api/problem/problem.filter.ts); workflows carry them across Temporal
// as ApplicationFailure whose `type` is the code (see failure-codec.ts).

export enum ErrorCode {
  ValidationFailed = 'validation_failed',
  RuleViolated = 'rule_violated',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  CsrfRejected = 'csrf',
  NotFound = 'not_found',
  WrongStep = 'wrong_step',
  AlreadyExists = 'already_exists',
  AlreadyDone = 'already_done',
  Closed = 'closed',
  NotOpenYet = 'not_open_yet',
  RequestInProgress = 'request_in_progress',
  RegistryIncomplete = 'registry_incomplete',
  IdempotencyKeyReused = 'idempotency_key_reused',
  TooManyAttempts = 'too_many_attempts',
}

/** One offending field: `path` as a client writes it (`targets[2].weight`). */
export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(errors: FieldError[], message = describeFieldErrors(errors)) {
    super(ErrorCode.ValidationFailed, message, errors);
  }
}

/** A business rule refused the action; the message names the rule and the numbers. */
export class RuleViolationError extends DomainError {
  constructor(message: string, errors: FieldError[] = []) {
    super(ErrorCode.RuleViolated, message, errors);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Missing, invalid or expired credentials.') {
    super(ErrorCode.Unauthenticated, message);
  }
}

export class ForbiddenError extends DomainError {
  /** `errors` names the records the caller may not touch, when the refusal is about some of them. */
  constructor(message: string, errors: FieldError[] = []) {
    super(ErrorCode.Forbidden, message, errors);
  }
}

/** A cookie-authenticated write without the matching X-CSRF-Token header. */
export class CsrfError extends DomainError {
  constructor(message = 'A request authenticated by the session cookie must carry X-CSRF-Token equal to the rc_csrf cookie.') {
    super(ErrorCode.CsrfRejected, message);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super(ErrorCode.NotFound, `${entity} '${id}' was not found.`);
  }
}

type ConflictCode =
  | ErrorCode.RegistryIncomplete
  | ErrorCode.WrongStep
  | ErrorCode.AlreadyExists
  | ErrorCode.AlreadyDone
  | ErrorCode.Closed
  | ErrorCode.NotOpenYet
  | ErrorCode.RequestInProgress;

export class ConflictError extends DomainError {
  constructor(code: ConflictCode, message: string, errors: FieldError[] = []) {
    super(code, message, errors);
  }
}

/** Too many failed sign-ins for one username: refused without looking at the password until the lock ends. */
export class TooManyAttemptsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(ErrorCode.TooManyAttempts, `Too many failed sign-ins for this username; try again in ${retryAfterSeconds} s.`);
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was already used with a different request.');
  }
}

export function describeFieldErrors(errors: FieldError[]): string {
  if (errors.length === 0) return 'The request is invalid.';
  return errors.map((e) => `${e.path}: ${e.message}`).join('; ');
}

const ERROR_CODES = new Set<string>(Object.values(ErrorCode));

/** Rebuilds a domain error from its code, message and field errors (e.g. after crossing Temporal). */
export function domainErrorFrom(code: string, message: string, errors: FieldError[] = []): DomainError | null {
  if (!ERROR_CODES.has(code)) return null;
  return new DomainError(code as ErrorCode, message, errors);
}
