import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { concatMap, from, map, mergeMap, type Observable } from 'rxjs';
import { AuditRecorder } from './audit-recorder.js';
import { contextOf } from './request-context.js';

/**
 * Writes the audit entry of a state-changing request or download before its handler runs (no
 * entry, no effect: see AuditRecorder), and the entry with its outcome before responding.
 * Refusals and failures are completed by the ProblemFilter.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditRecorder) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse<Response>();
    if (!this.audit.isAudited(req)) return next.handle();
    const timings = contextOf(req).timings;
    return from(timings.time('audit', () => this.audit.attempt(req))).pipe(
      mergeMap(() => next.handle()),
      concatMap((body) => from(timings.time('audit-outcome', () => this.audit.record(req, res.statusCode))).pipe(map(() => body))),
    );
  }
}
