import { z } from 'zod';
import { pageSchema } from '../http/pagination.js';
import { AUDIT_OUTCOMES } from '../http/audit-recorder.js';

export const AuditPageSchema = pageSchema(
  z.object({
    seq: z.number().int(),
    at: z.string(),
    actorId: z.string().nullable(),
    action: z.string(),
    target: z.string(),
    requestId: z.string(),
    outcome: z.enum(AUDIT_OUTCOMES),
    status: z.number().int().nullable().describe('Null on an `attempted` entry: begun, its outcome never recorded'),
    cycleId: z.string().nullable(),
    unitId: z.string().nullable(),
    detail: z.string().nullable(),
  }),
);

/** GET /audit/verify. */
export const ChainVerdictSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
  lastSeq: z.number().int().nullable(),
  lastHash: z.string(),
});
