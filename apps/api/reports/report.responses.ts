import { z } from 'zod';
import { CLASSIFICATIONS } from '../../../libs/domain/classification.js';
import { REPORT_STATUSES } from '../../../libs/domain/enums.js';

const counts = z.object({ ...Object.fromEntries(CLASSIFICATIONS.map((c) => [c, z.number().int()])), total: z.number().int() }) as z.ZodObject<
  Record<(typeof CLASSIFICATIONS)[number] | 'total', z.ZodNumber>
>;
const percentages = z.object(Object.fromEntries(CLASSIFICATIONS.map((c) => [c, z.number()]))) as z.ZodObject<Record<(typeof CLASSIFICATIONS)[number], z.ZodNumber>>;
const share = z.object({ count: z.number().int(), percent: z.number() });

/** A unit's report upward (GET and POST …/report), as the OpenAPI document states it. */
export const ReportSchema = z.object({
  cycleId: z.string(),
  unitId: z.string(),
  status: z.enum(REPORT_STATUSES),
  calibration: z
    .object({ excellentPercent: z.number(), breaches: z.array(z.string()) })
    .nullable()
    .describe('While calibration is needed: the quota in force and the groups over it'),
  headId: z.string().nullable(),
  people: counts,
  units: counts,
  percentages: z.object({ people: percentages, units: percentages }),
  goodOrBetter: z.object({ people: share, units: share }).describe('Excellent + good'),
  remediationPlans: z.number().int(),
  fourGoodCells: z
    .object({ achieved: z.number().int(), total: z.number().int() })
    .nullable()
    .describe(
      '"N of M cells achieved four good": of the cells of the subtree whose collective review is done (rated), how many achieved all four criteria; ' +
        "rolled up like the other counts. Null unless the cycle was launched with cellCriteria four_good",
    ),
  children: z.array(z.object({ unitId: z.string(), status: z.enum(REPORT_STATUSES) })),
  summary: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
});
