import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '../../../libs/auth/principal.js';
import { ForbiddenError } from '../../../libs/domain/errors.js';
import { verifyAuditChain } from '../../../libs/persistence/audit/audit-verify.js';
import { AccessService } from '../access/access.service.js';
import { SqlParams } from '../access/sql-params.js';
import { DOCUMENT_LANGS } from '../documents/document-format.js';
import { keysetBatches } from '../documents/keyset-batches.js';
import { startDownload, streamExport } from '../documents/response-stream.js';
import { cursorField, cursorParts, decodeCursor, limitField, pageOf } from '../http/pagination.js';
import { Caller } from '../http/principal.decorator.js';
import { ZodPipe } from '../http/zod-pipe.js';
import { ApiQueryOf } from '../openapi/api-query.js';
import { writeAuditCsvHeader, writeAuditCsvRows } from './audit-csv.js';
import { AuditFilters, auditConditions, type AuditRow } from './audit-query.js';
import { ApiProblems } from '../openapi/api-problems.js';
import { ApiAnswer } from '../openapi/api-answer.js';
import { AuditPageSchema, ChainVerdictSchema } from './audit.responses.js';

const AuditQuery = AuditFilters.extend({
  limit: limitField,
  cursor: cursorField(z.tuple([cursorParts.seq])),
});

const AuditCsvQuery = AuditFilters.extend({
  lang: z.enum(DOCUMENT_LANGS).default('vi').describe('Language of the header row: vi (default) or en. The rows are the same.'),
});

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  @Get('audit')
  @ApiProblems(403)
  @ApiOperation({ summary: 'Every state-changing request, accepted or refused, oldest first (admins and auditors, their scope)' })
  @ApiQueryOf(AuditQuery)
  @ApiAnswer('AuditPage', AuditPageSchema)
  async list(@Caller() caller: Principal, @Query(new ZodPipe(AuditQuery)) query: z.infer<typeof AuditQuery>): Promise<z.infer<typeof AuditPageSchema>> {
    const p = new SqlParams();
    const filters = auditConditions(this.access, caller, query, p);
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

  @Get('audit/verify')
  @ApiProblems(403)
  @ApiOperation({
    summary: 'Checks the audit trail\'s hash chain: every entry against its hash and its link to the entry before (administrators and auditors of every unit)',
    description:
      'Recomputes, oldest first, the SHA-256 of every entry up to the chain head and stops at the first that does not hold: an altered entry breaks its own hash, a deleted one the link of the entry after it, deleted newest entries the chain head. ' +
      '`lastSeq` and `lastHash` name the chain head: kept outside the database, they show later whether the whole chain was rewritten. Same check as `npm run audit:verify`.',
  })
  @ApiResponse({ status: 403, description: 'Not an administrator or auditor of every unit: a scoped one sees only part of the trail, the check needs all of it (problem+json)' })
  @ApiAnswer('ChainVerdict', ChainVerdictSchema)
  async verify(@Caller() caller: Principal): Promise<z.infer<typeof ChainVerdictSchema>> {
    if (this.access.readScope(caller) !== 'all') throw new ForbiddenError('Only an administrator or auditor of every unit may check the whole audit trail.');
    return verifyAuditChain(this.db);
  }

  @Get('audit.csv')
  @ApiProblems(403)
  @ApiOperation({
    summary: 'The audit trail as CSV: every entry GET /audit would page through with the same filters, oldest first, streamed',
    description: 'UTF-8 with a BOM; one header row; the time as dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh and, in its own column, as ISO-8601 UTC. Read in batches by seq, never the whole result in memory.',
  })
  @ApiQueryOf(AuditCsvQuery)
  @ApiProduces('text/csv', 'application/problem+json')
  @ApiResponse({ status: 200, description: 'text/csv; charset=utf-8 (attachment, streamed)', content: { 'text/csv': { schema: { type: 'string' } } } })
  async csv(@Caller() caller: Principal, @Query(new ZodPipe(AuditCsvQuery)) query: z.infer<typeof AuditCsvQuery>, @Res() res: Response) {
    const base = new SqlParams();
    auditConditions(this.access, caller, query, base); // 403 before the first byte
    const batches = keysetBatches<AuditRow, string>(
      this.db,
      (after, limit) => {
        const p = new SqlParams();
        const filters = auditConditions(this.access, caller, query, p);
        if (after !== null) filters.push(`a.seq > ${p.add(after)}`);
        return { sql: `SELECT a.* FROM audit_log a ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''} ORDER BY a.seq LIMIT ${p.add(limit)}`, params: p.values };
      },
      (row) => row.seq,
    );
    startDownload(res, 'text/csv; charset=utf-8', 'audit.csv');
    await streamExport(res, async () => {
      writeAuditCsvHeader(res, query.lang);
      for await (const rows of batches) await writeAuditCsvRows(res, rows);
      res.end();
    });
  }
}
