import { z } from 'zod';
import { CYCLE_STATUSES } from '../../../libs/domain/enums.js';
import { PERIOD_KINDS } from '../../../libs/domain/cycle-period.js';
import { RULE_SET_IDS } from '../../../libs/domain/rules/rule-set.js';
import { CELL_CRITERIA_SETS } from '../../../libs/domain/rules/four-good-cells.js';
import { cursorField, cursorParts, limitField } from '../http/pagination.js';

const id = z.string().trim().min(1).max(200);
const instant = z.iso.datetime({ offset: true });

export const CalendarSchema = z.strictObject({
  targetsDueAt: instant.optional(),
  selfAssessmentOpensAt: instant.optional(),
  selfAssessmentDueAt: instant.optional(),
  reviewDueAt: instant.optional(),
  remediationDueAt: instant.optional(),
  reportDueAt: instant.optional(),
  reportDueAtByKind: z
    .strictObject({ cell: instant.optional(), grassroots: instant.optional(), district: instant.optional(), province: instant.optional() })
    .optional()
    .describe(
      'Report dates per level, a lower level no later than the one above it (else 400 naming the field). A level left out, and every `other` unit, ' +
        'reports by `reportDueAt`. Default: none, all levels use `reportDueAt`. A calendar move that gives it replaces the whole object.',
    ),
  remindBeforeSeconds: z.number().int().min(0).max(366 * 24 * 3600).optional(),
  escalateAfterSeconds: z.number().int().min(0).max(366 * 24 * 3600).optional(),
});

/** POST /cycles/:id/calendar: the dates to move; the others stay. */
export const ChangeCalendarSchema = CalendarSchema.refine((c) => Object.keys(c).length > 0, { message: 'give at least one date to change' })
  // The refinement in the OpenAPI document's words.
  .meta({ minProperties: 1 });

export const PolicySchema = z.strictObject({
  ruleSet: z.enum(RULE_SET_IDS).optional(),
  ruleSetVersion: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("The rule set's version; default the newest (reg-366-2025: 2, which adds task timeliness and duty-related discipline). A running cycle keeps the version it was launched with."),
  /** Stricter than the rule set's quota, never looser (checked against the rule set when the cycle is created). */
  excellentQuotaPercent: z.number().int().min(0).max(100).optional(),
});

/** What the cycle reviews within its year (issue #12); the key `kind` chooses the other fields. */
export const PeriodSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('year') }),
    z.strictObject({ kind: z.literal('quarter'), quarter: z.number().int().min(1).max(4).describe('1 to 4') }),
    z.strictObject({ kind: z.literal('term') }),
    z.strictObject({ kind: z.literal('ad_hoc'), title: z.string().trim().min(1).max(200).describe('What the review is about; ad hoc cycles with the same title (ignoring case) are the same period') }),
  ])
  .describe(
    'The period reviewed: `year` (default when absent), `quarter` with `quarter` 1–4, `term`, or `ad_hoc` with a `title`. ' +
      'One cycle per (year, rootUnitId, period): a second is 409; different quarters, or a quarter and the year, are different periods. ' +
      "Default calendar: a quarter's dates fall inside its three months; the other periods take the year's.",
  );

export const CellCriteriaSchema = z
  .enum(CELL_CRITERIA_SETS)
  .describe(
    'A criteria set for the collective reviews of units of kind `cell`: `four_good` ("Chi bộ 4 tốt", Resolution 21-NQ/TW) — the reviewer rates four ' +
      'criteria achieved / not achieved when approving (`fourGood`), and every report counts the cells rated four good. Default: none (null).',
  );

export const CreateCycleSchema = z.strictObject({
  year: z.number().int().min(2000).max(2200),
  rootUnitId: id,
  period: PeriodSchema.optional(),
  title: z.string().trim().min(1).max(300).optional(),
  superiorReviewerId: id.nullish(),
  calendar: CalendarSchema.optional(),
  policy: PolicySchema.optional(),
  cellCriteria: CellCriteriaSchema.nullish(),
});
export type CreateCycleBody = z.infer<typeof CreateCycleSchema>;

export const CancelCycleSchema = z.strictObject({ reason: z.string().trim().min(1).max(2000) });

export const ListCyclesQuery = z.object({
  limit: limitField,
  cursor: cursorField(z.tuple([cursorParts.instant, cursorParts.id])),
  status: z.enum(CYCLE_STATUSES).optional(),
  year: z.coerce.number().int().optional(),
  periodKind: z.enum(PERIOD_KINDS).optional().describe('Only cycles of this kind of period (`year`, `quarter`, `term`, `ad_hoc`). Default: every period.'),
});
export type ListCyclesQueryType = z.infer<typeof ListCyclesQuery>;

const dashboardUnit = id.optional().describe("A unit of the cycle (400 when it is not in the cycle); default: the cycle's root unit. 403 unless the caller is an admin or auditor of it.");

export const CompletionQuery = z.object({ unitId: dashboardUnit });

export const OverdueQuery = z.object({
  unitId: dashboardUnit,
  limit: limitField,
  cursor: cursorField(z.tuple([cursorParts.instant, cursorParts.id])),
});
export type OverdueQueryType = z.infer<typeof OverdueQuery>;
