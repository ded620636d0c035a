import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { appendAuditEntry } from '../../../libs/persistence/audit/audit-append.js';
import { AuditTrailUnavailableError } from './audit-trail-unavailable.error.js';
import { contextOf, type RequestContext } from './request-context.js';
import { isWellFormedText } from './well-formed-text.js';
import { LOGGER } from './tokens.js';

/**
 * What an audit entry's `outcome` holds: accepted (2xx/3xx), replayed by idempotency, refused
 * (4xx), failed (5xx); `attempted`: written before the request took effect, completed by a later
 * entry with one of the others (GET /audit lists an attempt only when no completion followed it).
 */
export const AUDIT_OUTCOMES = ['ok', 'replayed', 'rejected', 'failed', 'attempted'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Downloads (report.pdf, report.xlsx, record.pdf, audit.csv) take data out of the system: they are audited reads. */
const DOWNLOAD = /\.(pdf|xlsx|csv)$/;

/**
 * Writes the audit trail: every state-changing request and every download, accepted or refused.
 *
 * No effect without its entry: an effect may be a Temporal update, which no database transaction
 * can roll back, so the entry is written *before* the handler runs, as `attempted`; if that write
 * fails the request is refused (503) and nothing happens. Once the outcome is known a second
 * entry completes it (`attempt_seq`); if that one cannot be written the attempt still stands, so
 * the trail never lacks a request that may have taken effect. Refusals before the handler (no
 * token, wrong caller) have no effect and get the completing entry only.
 */
@Injectable()
export class AuditRecorder {
  constructor(
    private readonly db: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  isAudited(req: Request): boolean {
    return STATE_CHANGING.has(req.method) || DOWNLOAD.test(req.path);
  }

  /** The entry before the effect; throws AuditTrailUnavailableError when it cannot be written. */
  async attempt(req: Request): Promise<void> {
    const context = contextOf(req);
    try {
      context.auditAttemptSeq = await this.append(req, 'attempted', null, null);
    } catch (error) {
      this.logger.error({ err: error, requestId: context.requestId }, 'Could not write the audit entry: request refused');
      throw new AuditTrailUnavailableError(error);
    }
  }

  /** The entry with the outcome. A failure is logged: the attempt (if any) stays in the trail. */
  async record(req: Request, status: number, detail: string | null = null): Promise<void> {
    if (!this.isAudited(req)) return;
    const context = contextOf(req);
    const outcome: AuditOutcome = context.replayed ? 'replayed' : status < 400 ? 'ok' : status < 500 ? 'rejected' : 'failed';
    try {
      await this.append(req, outcome, status, detail);
    } catch (error) {
      this.logger.error({ err: error, requestId: context.requestId, attemptSeq: context.auditAttemptSeq }, 'Could not write the audit entry completing the request');
    }
  }

  private async append(req: Request, outcome: AuditOutcome, status: number | null, detail: string | null): Promise<string> {
    const context = contextOf(req);
    const routePath = (req.route as { path?: string } | undefined)?.path;
    const facts = { ...factsFromRoute(req), ...context.audit };
    // The cycle and unit scope the entry for auditors; derived from the review or cycle when not given.
    const [scope]: Array<{ cycle_id: string | null; unit_id: string | null }> = await this.db.query(
      `WITH review AS (SELECT cycle_id, unit_id FROM reviews WHERE id = $3)
       SELECT c.cycle_id, COALESCE($2, (SELECT unit_id FROM review), (SELECT root_unit_id FROM cycles WHERE id = c.cycle_id)) AS unit_id
         FROM (SELECT COALESCE($1, (SELECT cycle_id FROM review)) AS cycle_id) c`,
      [facts.cycleId ?? null, facts.unitId ?? null, facts.reviewId ?? null],
    );
    return appendAuditEntry(this.db, {
      actorId: context.principal?.actorId ?? null,
      action: `${req.method} ${stripPrefix(routePath ?? req.path)}`,
      target: facts.target ?? stripPrefix(req.path),
      requestId: context.requestId,
      outcome,
      status,
      cycleId: scope?.cycle_id ?? null,
      unitId: scope?.unit_id ?? null,
      detail,
      attemptSeq: outcome === 'attempted' ? null : (context.auditAttemptSeq ?? null),
    });
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
