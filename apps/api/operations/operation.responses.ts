import { z } from 'zod';

/** A bulk operation as GET /operations/:id (and a bulk request's 202) answers it. */
export const OperationSchema = z.object({
  id: z.string(),
  kind: z.enum(['calendar_move', 'cycle_cancel']),
  cycleId: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().optional().describe('Why it failed'),
});
