import { z } from 'zod';

export const RaiseQuotaSchema = z.strictObject({
  excellentPercent: z.number().int().min(0).max(100),
  reason: z.string().trim().min(1).max(2000),
});
export type RaiseQuotaBody = z.infer<typeof RaiseQuotaSchema>;
