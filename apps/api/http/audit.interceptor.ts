import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { concatMap, from, map, type Observable } from 'rxjs';
import { AuditRecorder } from './audit-recorder.js';

/** Audits requests that succeed (refusals are audited by the ProblemFilter), before responding. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditRecorder) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse<Response>();
    return next.handle().pipe(concatMap((body) => from(this.audit.record(req, res.statusCode)).pipe(map(() => body))));
  }
}
