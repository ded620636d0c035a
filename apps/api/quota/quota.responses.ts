import { z } from 'zod';

/** A unit's excellent quota in a cycle (GET and PUT …/quota), as the OpenAPI document states it. */
export const QuotaSchema = z.object({
  cycleId: z.string(),
  unitId: z.string(),
  excellentPercent: z.number(),
  maxRaisedPercent: z.number().nullable().optional().describe("GET: the most the rule set lets it be raised to; null when it cannot be"),
  reason: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable().describe('YYYY-MM-DD'),
  setBy: z.string().nullable(),
  setAt: z.string().nullable(),
});
