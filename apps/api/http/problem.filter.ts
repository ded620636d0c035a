import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { TooManyAttemptsError } from '../../../libs/domain/errors.js';
import { AuditRecorder } from './audit-recorder.js';
import { PROBLEM_CONTENT_TYPE, problemFor } from './problem.js';
import { contextOf } from './request-context.js';
import { LOGGER } from './tokens.js';

/** Every error leaves as application/problem+json, is audited when the request changed state, and a 5xx is logged. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly audit: AuditRecorder,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const problem = problemFor(error, contextOf(req).requestId);
    if (problem.status >= 500) this.logger.error({ err: error, requestId: problem.requestId, path: req.path }, 'Unhandled error');
    await this.audit.record(req, problem.status, problem.type);
    if (res.headersSent) return;
    if (problem.status === 503) res.setHeader('Retry-After', '5');
    if (error instanceof TooManyAttemptsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
