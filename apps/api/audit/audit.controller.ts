import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '../../../libs/auth/principal.js';
import { ForbiddenError } from '../../../libs/domain/errors.js';
import { AccessService } from '../access/access.service.js';
import { SqlParams } from '../access/sql-params.js';
import { AUDIT_OUTCOMES } from '../http/audit-recorder.js';
import { cursorField, cursorParts, decodeCursor, limitField, pageOf } from '../http/pagination.js';
import { Caller } from '../http/principal.decorator.js';
import { ZodPipe } from '../http/zod-pipe.js';
import { ApiQueryOf } from '../openapi/api-query.js';

const AuditQuery = z.object({
  cycleId: z.string().max(200).optional(),
  actorId: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional().describe('ok: accepted · replayed: answered from an earlier request with the same Idempotency-Key · rejected: refused (4xx) · failed: 5xx. Default: every outcome.'),
  unitId: z
    .string()
    .max(200)
    .optional()
    .describe("Entries whose unit (the reviewed subject's unit, the report's or quota's unit, a cycle's root unit) lies in this unit's subtree. Entries tied to no unit (registry imports, sign-ins) never match. Default: no filter."),
  limit: limitField,
  cursor: cursorField(z.tuple([cursorParts.seq])),
});

interface AuditRow {
  seq: string;
  at: Date;
  actor_id: string | null;
  action: string;
  target: string;
  request_id: string;
  outcome: string;
  status: number;
  cycle_id: string | null;
  unit_id: string | null;
  detail: string | null;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every state-changing request, accepted or refused, oldest first (admins and auditors, their scope)' })
  @ApiQueryOf(AuditQuery)
  @ApiOkResponse({ description: '{ items: [{ seq, at, actorId, action, target, requestId, outcome, status, cycleId, unitId, detail }], nextCursor }' })
  async list(@Caller() caller: Principal, @Query(new ZodPipe(AuditQuery)) query: z.infer<typeof AuditQuery>) {
    const scope = this.access.readScope(caller);
    if (scope !== 'all' && scope.length === 0) throw new ForbiddenError('Only administrators and auditors may read the audit trail.');
    const p = new SqlParams();
    const filters: string[] = [];
    // Entries tied to no unit (e.g. failed logins) are for unscoped administrators only.
    if (scope !== 'all') filters.push(`EXISTS (SELECT 1 FROM units u WHERE u.id = a.unit_id AND u.ancestor_ids && ${p.add(scope)}::text[])`);
    if (query.cycleId) filters.push(`a.cycle_id = ${p.add(query.cycleId)}`);
    if (query.actorId) filters.push(`a.actor_id = ${p.add(query.actorId)}`);
    if (query.from) filters.push(`a.at >= ${p.add(query.from)}`);
    if (query.to) filters.push(`a.at < ${p.add(query.to)}`);
    if (query.outcome) filters.push(`a.outcome = ${p.add(query.outcome)}`);
    if (query.unitId) filters.push(`EXISTS (SELECT 1 FROM units f WHERE f.id = a.unit_id AND f.ancestor_ids @> ARRAY[${p.add(query.unitId)}::text])`);
    const after = decodeCursor(query.cursor);
    if (after) filters.push(`a.seq > ${p.add(after[0])}`);
    const rows: AuditRow[] = await this.db.query(
      `SELECT a.* FROM audit_log a ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''} ORDER BY a.seq LIMIT ${p.add(query.limit + 1)}`,
      p.values,
    );
    return pageOf(rows, query.limit, (r) => [r.seq], (r) => ({
      seq: Number(r.seq),
      at: r.at.toISOString(),
      actorId: r.actor_id,
      action: r.action,
      target: r.target,
      requestId: r.request_id,
      outcome: r.outcome,
      status: r.status,
      cycleId: r.cycle_id,
      unitId: r.unit_id,
      detail: r.detail,
    }));
  }
}
