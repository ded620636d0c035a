/** A problem+json answer of the API (RFC 9457), with the fields it names. */
export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldProblem[] = [],
    readonly type: string | undefined = undefined,
  ) {
    super(detail ?? title);
  }

  /** Network failures and 5xx/503 may succeed when sent again with the same idempotency key. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}
