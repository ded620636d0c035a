import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { createHash, randomUUID } from 'node:crypto';
import { catchError, concatMap, from, map, mergeMap, of, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { ConflictError, ErrorCode, IdempotencyKeyReusedError, ValidationError } from '../../../libs/domain/errors.js';
import { PROBLEM_CONTENT_TYPE, problemFor } from './problem.js';
import { LIVENESS_LOCK_CLASS, ProcessLiveness } from './process-liveness.js';
import { REJOINS_UPDATE } from './rejoins-update.decorator.js';
import { contextOf, type RequestContext } from './request-context.js';

/** A pending request with no owner lock (recorded before owners were) is taken as dead after this long. */
const ABANDONED_AFTER_SECONDS = 120;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Idempotency-Key on state-changing requests: the first response (success or refusal) is stored
 * per caller and key; the same key with the same body replays it with no second effect, with
 * another body it is a 422. Downstream, the key also becomes the Temporal update id, so a request
 * interrupted mid-way and retried is applied once.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly db: DataSource,
    private readonly liveness: ProcessLiveness,
    private readonly reflector: Reflector,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const key = req.header('idempotency-key');
    const principal = contextOf(req).principal;
    if (req.method !== 'POST' || key === undefined || principal === null) return next.handle();
    if (!KEY_PATTERN.test(key)) throw new ValidationError([{ path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);

    const actorId = principal.actorId;
    const hash = requestHash(req);
    const rejoins = this.reflector.get<boolean>(REJOINS_UPDATE, ctx.getHandler()) === true;
    return from(contextOf(req).timings.time('idempotency', () => this.claim(actorId, key, hash))).pipe(
      mergeMap((stored) => {
        if (stored === 'in_progress') {
          if (!rejoins) throw new ConflictError(ErrorCode.RequestInProgress, 'A request with this Idempotency-Key is still being processed.');
          return this.run(req, key, next, { owner: false });
        }
        if (stored) {
          contextOf(req).replayed = true;
          Object.assign(contextOf(req).audit, stored.audit ?? {});
          res.status(stored.status);
          if (stored.status >= 400) res.type(PROBLEM_CONTENT_TYPE);
          return of(stored.body);
        }
        return this.run(req, key, next, { owner: true });
      }),
    );
  }

  /**
   * Runs the handler and records its answer under the key. The owner of the claim frees the key
   * on a server failure, for a retry. An attempt that rejoins a Workflow Update still pending in a
   * live process (e.g. waiting for Temporal to come back) is not the owner: it runs under the same
   * update id, records whichever answer lands first, and leaves the key to the first attempt.
   */
  private run(req: Request, key: string, next: CallHandler, { owner }: { owner: boolean }): Observable<unknown> {
    const res = req.res!;
    return next.handle().pipe(
      concatMap((body) => from(contextOf(req).timings.time('idempotency-outcome', () => this.finish(req, key, res.statusCode, body))).pipe(map(() => body))),
      catchError((error: unknown) => {
        const problem = problemFor(error, contextOf(req).requestId);
        // Refusals are part of the record.
        const settle = problem.status < 500 ? this.finish(req, key, problem.status, problem) : owner ? this.release(contextOf(req).principal!.actorId, key) : Promise.resolve();
        return from(settle).pipe(mergeMap(() => Promise.reject(error)));
      }),
    );
  }

  /**
   * Claims the key for this request, or returns the response it already has, or says it is still
   * pending with a live owner. A pending request whose process died (its liveness lock is free)
   * is taken over at once.
   */
  private async claim(actorId: string, key: string, hash: string): Promise<{ status: number; body: unknown; audit: RequestContext['audit'] | null } | 'in_progress' | null> {
    const claimed: unknown[] = await this.db.query(
      `INSERT INTO idempotency_records (actor_id, key, request_hash, state, created_at, owner_lock) VALUES ($1, $2, $3, 'pending', now(), $5)
       ON CONFLICT (actor_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now(), owner_lock = EXCLUDED.owner_lock
         WHERE idempotency_records.state = 'pending' AND idempotency_records.request_hash = EXCLUDED.request_hash
           AND CASE WHEN idempotency_records.owner_lock IS NULL THEN idempotency_records.created_at < now() - make_interval(secs => $4::int)
                    ELSE pg_try_advisory_xact_lock($6, idempotency_records.owner_lock) END
       RETURNING key`,
      [actorId, key, hash, ABANDONED_AFTER_SECONDS, this.liveness.lockKey, LIVENESS_LOCK_CLASS],
    );
    if (claimed.length > 0) return null;
    const [row]: Array<{ request_hash: string; state: string; response_status: number; response_body: unknown; audit_context: RequestContext['audit'] | null }> = await this.db.query(
      'SELECT request_hash, state, response_status, response_body, audit_context FROM idempotency_records WHERE actor_id = $1 AND key = $2',
      [actorId, key],
    );
    if (!row) return this.claim(actorId, key, hash); // released meanwhile: try again
    if (row.request_hash !== hash) throw new IdempotencyKeyReusedError();
    if (row.state === 'pending') return 'in_progress';
    return { status: row.response_status, body: row.response_body, audit: row.audit_context };
  }

  private async finish(req: Request, key: string, status: number, body: unknown): Promise<void> {
    const context = contextOf(req);
    // The first answer recorded stays: a rejoined attempt finishing second changes nothing.
    await this.db.query(
      `UPDATE idempotency_records SET state = 'done', response_status = $3, response_body = $4, audit_context = $5 WHERE actor_id = $1 AND key = $2 AND state = 'pending'`,
      [context.principal!.actorId, key, status, JSON.stringify(body ?? null), JSON.stringify(context.audit)],
    );
  }

  private async release(actorId: string, key: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_records WHERE actor_id = $1 AND key = $2 AND state = 'pending'`, [actorId, key]);
  }
}

/** Method, path and body with keys sorted: the same request hashes the same however it was serialised. A file upload hashes its bytes. */
function requestHash(req: Request): string {
  const body: unknown = req.body;
  return createHash('sha256')
    .update(`${req.method} ${req.path}\n`)
    .update(Buffer.isBuffer(body) ? body : canonicalJson(body ?? null))
    .digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The Temporal update id for an action: the caller's idempotency key, scoped to the caller. */
export function updateIdFor(req: Request): string | undefined {
  const key = req.header('idempotency-key');
  const principal = contextOf(req).principal;
  return key && principal ? `${principal.actorId}/${key}` : undefined;
}

/**
 * The id of an operation that dedupes its effects (an import's workflow): the caller's
 * idempotency key, scoped to the caller, else one the server makes. Never the X-Request-Id: a
 * client may send the same one twice, and the second operation would be taken for the first.
 */
export function operationIdFor(req: Request): string {
  return updateIdFor(req) ?? randomUUID();
}
