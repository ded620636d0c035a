import { z } from 'zod';

export const RaiseQuotaSchema = z.strictObject({
  excellentPercent: z.number().int().min(0).max(100),
  reason: z.string().trim().min(1).max(2000),
  decisionNumber: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('Number of the decision granting the raise, e.g. "125-QĐ/TU". Absent: not recorded (null).'),
  decisionDate: z.iso.date().optional().describe('Date of that decision, YYYY-MM-DD (a real calendar date). Absent: not recorded (null).'),
});
export type RaiseQuotaBody = z.infer<typeof RaiseQuotaSchema>;
