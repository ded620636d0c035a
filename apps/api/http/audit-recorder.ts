import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { contextOf } from './request-context.js';
import { LOGGER } from './tokens.js';

export type AuditOutcome = 'ok' | 'replayed' | 'rejected' | 'failed';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Writes the audit trail: every state-changing request, accepted or refused, before the answer goes out. */
@Injectable()
export class AuditRecorder {
  constructor(
    private readonly db: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async record(req: Request, status: number, detail: string | null = null): Promise<void> {
    if (!STATE_CHANGING.has(req.method)) return;
    const context = contextOf(req);
    const outcome: AuditOutcome = context.replayed ? 'replayed' : status < 400 ? 'ok' : status < 500 ? 'rejected' : 'failed';
    const routePath = (req.route as { path?: string } | undefined)?.path;
    try {
      await this.db.query(
        // The cycle and unit scope the entry for auditors; derived from the review or cycle when not given.
        `WITH review AS (SELECT cycle_id, unit_id FROM reviews WHERE id = $10)
         INSERT INTO audit_log (at, actor_id, action, target, request_id, outcome, status, cycle_id, unit_id, detail)
         SELECT now(), $1, $2, $3, $4, $5, $6, c.cycle_id,
                COALESCE($8, (SELECT unit_id FROM review), (SELECT root_unit_id FROM cycles WHERE id = c.cycle_id)), $9
           FROM (SELECT COALESCE($7, (SELECT cycle_id FROM review)) AS cycle_id) c`,
        [
          context.principal?.actorId ?? null,
          `${req.method} ${stripPrefix(routePath ?? req.path)}`,
          context.audit.target ?? stripPrefix(req.path),
          context.requestId,
          outcome,
          status,
          context.audit.cycleId ?? null,
          context.audit.unitId ?? null,
          detail,
          context.audit.reviewId ?? null,
        ],
      );
    } catch (error) {
      this.logger.error({ err: error, requestId: context.requestId }, 'Could not write the audit entry');
    }
  }
}

function stripPrefix(path: string): string {
  return path.replace(/^\/api\/v1/, '');
}
