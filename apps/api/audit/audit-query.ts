import { z } from 'zod';
import type { Principal } from '../../../libs/auth/principal.js';
import { ForbiddenError } from '../../../libs/domain/errors.js';
import type { AccessService } from '../access/access.service.js';
import type { SqlParams } from '../access/sql-params.js';
import { AUDIT_OUTCOMES, type AuditOutcome } from '../http/audit-recorder.js';

// Sent to PostgreSQL in UTC: it refuses offsets past ±15:59 that ISO-8601 (and the schema) allow,
// and a CSV download would fail after its first byte.
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

/** The filters of `GET /audit`, shared by its CSV export. */
export const AuditFilters = z.object({
  cycleId: z.string().max(200).optional(),
  actorId: z.string().max(200).optional(),
  from: instant.optional(),
  to: instant.optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional().describe('ok: accepted · replayed: answered from an earlier request with the same Idempotency-Key · rejected: refused (4xx) · failed: 5xx · attempted: begun, but no outcome was recorded (the process stopped, or the completing entry could not be written; the effect may have happened). Default: every outcome.'),
  unitId: z
    .string()
    .max(200)
    .optional()
    .describe("Entries whose unit (the reviewed subject's unit, the report's or quota's unit, a cycle's root unit) lies in this unit's subtree. Entries tied to no unit (registry imports, sign-ins) never match. Default: no filter."),
});
export type AuditFiltersType = z.infer<typeof AuditFilters>;

export interface AuditRow {
  seq: string;
  at: Date;
  actor_id: string | null;
  action: string;
  target: string;
  request_id: string;
  outcome: AuditOutcome;
  status: number | null;
  cycle_id: string | null;
  unit_id: string | null;
  detail: string | null;
}

/**
 * SQL conditions on `audit_log a` for the caller's scope and the filters; 403 for a caller with
 * neither an admin nor an auditor role.
 */
export function auditConditions(access: AccessService, caller: Principal, query: AuditFiltersType, p: SqlParams): string[] {
  const scope = access.readScope(caller);
  if (scope !== 'all' && scope.length === 0) throw new ForbiddenError('Only administrators and auditors may read the audit trail.');
  // One entry per request: an attempt is shown only while nothing completes it (its result unknown).
  // Written as a plain NOT EXISTS so that PostgreSQL plans an anti-join probing audit_attempt_idx per
  // entry read; `NOT (attempted AND EXISTS …)` became a hashed subplan reading every completion first.
  const filters: string[] = [`NOT EXISTS (SELECT 1 FROM audit_log done WHERE done.attempt_seq = a.seq AND a.outcome = 'attempted')`];
  // Entries tied to no unit (e.g. failed logins) are for unscoped administrators only.
  if (scope !== 'all') filters.push(`EXISTS (SELECT 1 FROM units u WHERE u.id = a.unit_id AND u.ancestor_ids && ${p.add(scope)}::text[])`);
  if (query.cycleId) filters.push(`a.cycle_id = ${p.add(query.cycleId)}`);
  if (query.actorId) filters.push(`a.actor_id = ${p.add(query.actorId)}`);
  if (query.from) filters.push(`a.at >= ${p.add(query.from)}`);
  if (query.to) filters.push(`a.at < ${p.add(query.to)}`);
  if (query.outcome) filters.push(`a.outcome = ${p.add(query.outcome)}`);
  if (query.unitId) filters.push(`EXISTS (SELECT 1 FROM units f WHERE f.id = a.unit_id AND f.ancestor_ids @> ARRAY[${p.add(query.unitId)}::text])`);
  return filters;
}
