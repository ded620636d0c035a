import { z } from 'zod';
import { CYCLE_STATUSES, REPORT_STATUSES, STEPS, TASK_KINDS, UNIT_KINDS, type Step } from '../../../libs/domain/enums.js';
import { pageSchema } from '../http/pagination.js';
import { SubjectSchema } from '../reviews/review.responses.js';
import { CalendarSchema, CellCriteriaSchema, PeriodSchema, PolicySchema } from './cycle.schemas.js';
import { unitStanding } from '../org/unit-standing.schema.js';

// What the cycle routes answer, as the OpenAPI document states it; the controller's return types
// are inferred from these. The calendar, policy and period are the request's schemas, as stored.

const instant = z.string().describe('ISO 8601 instant');
const count = z.number().int().min(0);

export const CycleSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  period: PeriodSchema,
  rootUnitId: z.string(),
  title: z.string().nullable(),
  status: z.enum(CYCLE_STATUSES),
  superiorReviewerId: z.string().nullable(),
  policy: PolicySchema.required({ ruleSet: true }),
  cellCriteria: CellCriteriaSchema.nullable(),
  calendar: CalendarSchema.required({ targetsDueAt: true, selfAssessmentOpensAt: true, selfAssessmentDueAt: true, reviewDueAt: true, remediationDueAt: true, reportDueAt: true }),
  workflowId: z.string(),
  createdAt: instant,
  createdBy: z.string(),
  completedAt: instant.nullable(),
  cancelledAt: instant.nullable(),
  cancelReason: z.string().nullable(),
  progress: z.object({
    subjects: count,
    launched: count,
    byStep: z.object(Object.fromEntries(STEPS.map((step) => [step, count])) as Record<Step, typeof count>).describe('Open reviews per step; `done` the finished ones'),
    completed: count,
    cancelled: count,
    overdue: count.describe('Open tasks past their due date'),
    withdrawn: count.describe('Reviews of people struck off while the cycle ran'),
  }),
});
export type CycleResponse = z.infer<typeof CycleSchema>;

export const CyclePageSchema = pageSchema(CycleSchema);

export const LaunchedCycleSchema = z.object({ id: z.string(), workflowId: z.string(), status: z.enum(CYCLE_STATUSES) });

const completionNumbers = {
  unitId: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  subjects: count,
  done: count,
  percent: z.number().describe('done/subjects in percent, two decimals (0 when none)'),
  overdue: count,
  reportStatus: z.enum(REPORT_STATUSES).nullable().describe("The report's status; null before it exists"),
};

export const CompletionSchema = z.object({ ...completionNumbers, children: z.array(z.object({ ...completionNumbers, childCount: count, ...unitStanding })) });

export const OverduePageSchema = pageSchema(
  z.object({
    taskId: z.string(),
    kind: z.enum(TASK_KINDS),
    reviewId: z.string().nullable(),
    unitId: z.string().nullable(),
    subject: SubjectSchema.nullable(),
    assigneeId: z.string(),
    assigneeName: z.string().nullable(),
    dueAt: instant,
    lateSeconds: z.number().int(),
  }),
);
