import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { contextOf, type RequestContext } from './request-context.js';
import { isWellFormedText } from './well-formed-text.js';
import { LOGGER } from './tokens.js';

/** What an audit entry's `outcome` holds: accepted (2xx/3xx), replayed by idempotency, refused (4xx), failed (5xx). */
export const AUDIT_OUTCOMES = ['ok', 'replayed', 'rejected', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Downloads (report.pdf, report.xlsx, record.pdf, audit.csv) take data out of the system: they are audited reads. */
const DOWNLOAD = /\.(pdf|xlsx|csv)$/;

/**
 * Writes the audit trail: every state-changing request and every download, accepted or refused,
 * before the answer goes out (a streamed download: once its last byte is written).
 */
@Injectable()
export class AuditRecorder {
  constructor(
    private readonly db: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async record(req: Request, status: number, detail: string | null = null): Promise<void> {
    if (!STATE_CHANGING.has(req.method) && !DOWNLOAD.test(req.path)) return;
    const context = contextOf(req);
    const outcome: AuditOutcome = context.replayed ? 'replayed' : status < 400 ? 'ok' : status < 500 ? 'rejected' : 'failed';
    const routePath = (req.route as { path?: string } | undefined)?.path;
    const facts = { ...factsFromRoute(req), ...context.audit };
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
          facts.target ?? stripPrefix(req.path),
          context.requestId,
          outcome,
          status,
          facts.cycleId ?? null,
          facts.unitId ?? null,
          detail,
          facts.reviewId ?? null,
        ],
      );
    } catch (error) {
      this.logger.error({ err: error, requestId: context.requestId }, 'Could not write the audit entry');
    }
  }
}

/**
 * What the URL says the request concerns. Handlers fill in the rest, but a request refused before
 * its handler ran (invalid body, wrong caller) must still be tied to its cycle for the auditors.
 */
function factsFromRoute(req: Request): RequestContext['audit'] {
  const params = (req.params ?? {}) as Record<string, string | undefined>;
  // A refused id PostgreSQL cannot store names nothing: the entry keeps the raw (encoded) path.
  if (Object.values(params).some((value) => value !== undefined && !isWellFormedText(value))) return {};
  const path = stripPrefix(req.path);
  if (path.startsWith('/reviews/') && params.id) return { target: `review:${params.id}`, reviewId: params.id };
  if (params.cycleId && params.unitId) return { target: `report:${params.cycleId}:${params.unitId}`, cycleId: params.cycleId, unitId: params.unitId };
  if (path.startsWith('/cycles/') && params.id) return { target: `cycle:${params.id}`, cycleId: params.id };
  return {};
}

function stripPrefix(path: string): string {
  return path.replace(/^\/api\/v1/, '');
}
