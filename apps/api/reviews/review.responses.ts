import { z } from 'zod';
import { CLASSIFICATIONS } from '../../../libs/domain/classification.js';
import { REVIEW_STATUSES, STEPS, SUBJECT_TYPES } from '../../../libs/domain/enums.js';
import { REVIEW_EVENT_TYPES } from '../../../libs/domain/review/review-state.js';
import { RULE_SET_IDS } from '../../../libs/domain/rules/rule-set.js';
import { TARGET_COMPLETIONS } from '../../../libs/domain/rules/timeliness.js';
import { CELL_CRITERIA_SETS, CRITERION_RESULTS } from '../../../libs/domain/rules/four-good-cells.js';
import { pageSchema } from '../http/pagination.js';
import { QuarterlyResultsSchema } from './review.schemas.js';

// What the review routes answer, as the OpenAPI document states it; the controllers' return types
// are inferred from these, so the server cannot answer something else without failing to compile.

const instant = z.string().describe('ISO 8601 instant');

export const SubjectSchema = z.object({ type: z.enum(SUBJECT_TYPES), id: z.string(), name: z.string() });

const criterionResult = z.enum(CRITERION_RESULTS);

export const FourGoodResultSchema = z
  .object({ politicalTasks: criterionResult, activityQuality: criterionResult, solidarityDiscipline: criterionResult, cadresAndMembers: criterionResult, overall: criterionResult })
  .describe('The four good criteria as rated, and the overall result (achieved only when all four are)');

const DecisionSchema = z.object({
  decision: z.enum(['approve', 'return']),
  classification: z.enum(CLASSIFICATIONS).nullable(),
  generalScore: z.number().nullable(),
  comment: z.string(),
  shortcomings: z.array(z.string()),
  reviewerId: z.string(),
  decidedAt: instant,
  fourGood: FourGoodResultSchema.optional().describe('Present on the approval of a cell collective in a cycle with the four good criteria'),
});

export const ReviewSchema = z.object({
  id: z.string(),
  cycleId: z.string(),
  subject: SubjectSchema,
  unitId: z.string(),
  reviewerId: z.string(),
  selfActorId: z.string(),
  step: z.enum(STEPS).describe('The last step reached'),
  status: z.enum(REVIEW_STATUSES),
  targets: z
    .array(z.object({ title: z.string(), description: z.string().nullable(), weight: z.number().nullable(), dueDate: z.string().nullable().describe('YYYY-MM-DD') }))
    .nullable(),
  selfAssessment: z
    .object({
      results: z.array(z.object({ targetIndex: z.number().int(), achievement: z.number(), comment: z.string().nullable(), completion: z.enum(TARGET_COMPLETIONS) })),
      generalScore: z.number().nullable(),
      proposedClassification: z.enum(CLASSIFICATIONS),
      summary: z.string(),
      submittedAt: instant,
      submittedBy: z.string(),
    })
    .nullable(),
  review: DecisionSchema.nullable(),
  remediationPlan: z
    .object({
      items: z.array(z.object({ action: z.string(), dueDate: z.string() })),
      status: z.enum(['submitted', 'approved', 'returned']),
      submittedAt: instant,
      submittedBy: z.string(),
      decisionComment: z.string().nullable(),
      decidedAt: instant.nullable(),
      decidedBy: z.string().nullable(),
    })
    .nullable(),
  classification: z.enum(CLASSIFICATIONS).nullable(),
  score: z.number().nullable(),
  ruleSet: z.enum(RULE_SET_IDS),
  ruleSetVersion: z.number().int(),
  timeliness: z
    .object({ total: z.number().int(), onTime: z.number().int(), late: z.number().int(), notCompleted: z.number().int(), latePercent: z.number() })
    .nullable()
    .describe("The self-assessment's completion figures; null before one was sent"),
  dueAt: instant.nullable(),
  deciding: z
    .object({ deciderId: z.string(), proposerId: z.string(), proposal: DecisionSchema.nullable() })
    .nullable()
    .describe('The deciding review one level up, when the rule set asks for one'),
  cellCriteria: z
    .enum(CELL_CRITERIA_SETS)
    .nullable()
    .describe("The criteria set the approval rates (`fourGood`): the cycle's `cellCriteria` on a cell's collective review, else null"),
  committee: z
    .object({
      unitId: z.string().describe('The managing unit, whose head reviews'),
      reviewerId: z.string(),
      status: z
        .enum(['waiting', 'pending', 'decided'])
        .describe("waiting: the deciding review has not approved yet; pending: the committee head's turn (step superior_review, the normal decision in `review`); decided: final"),
      decision: z
        .object({
          decision: z.enum(['confirm', 'change']),
          from: z.enum(CLASSIFICATIONS).describe('The classification the deciding review approved'),
          classification: z.enum(CLASSIFICATIONS).describe('The final classification'),
          comment: z.string(),
          reviewerId: z.string(),
          decidedAt: instant,
        })
        .nullable(),
    })
    .nullable()
    .describe("The standing committee's extra review, when the registry flags the subject as managed by a higher unit (managedByUnitId); null otherwise"),
  workflowId: z.string(),
  launchedAt: instant,
  updatedAt: instant,
  quarterlyResults: QuarterlyResultsSchema.optional(),
});
export type ReviewResponse = z.infer<typeof ReviewSchema>;

export const ReviewListItemSchema = z.object({
  id: z.string(),
  subject: SubjectSchema,
  unitId: z.string(),
  step: z.enum(STEPS),
  status: z.enum(REVIEW_STATUSES),
  reviewerId: z.string(),
  classification: z.enum(CLASSIFICATIONS).nullable(),
  score: z.number().nullable(),
  dueAt: instant.nullable(),
});
export const ReviewPageSchema = pageSchema(ReviewListItemSchema);

export const ReviewHistorySchema = z.object({
  workflowId: z.string(),
  events: z.array(z.object({ seq: z.number().int(), at: instant, actorId: z.string(), type: z.enum(REVIEW_EVENT_TYPES), data: z.record(z.string(), z.unknown()) })),
});

/** ?format=temporal: Temporal's own JSON form of the workflow history. */
export const TemporalHistorySchema = z.object({ events: z.array(z.record(z.string(), z.unknown())) }).describe("The workflow's raw history in Temporal's JSON form");

export const ReviewHistoryAnswerSchema = z.union([ReviewHistorySchema, TemporalHistorySchema]);
