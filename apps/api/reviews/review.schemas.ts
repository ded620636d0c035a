import { z } from 'zod';
import { CLASSIFICATIONS } from '../../../libs/domain/classification.js';
import { REVIEW_STATUSES, STEPS, SUBJECT_TYPES } from '../../../libs/domain/enums.js';
import { REVIEW_LIMITS } from '../../../libs/domain/review/review-commands.js';
import { TEXT_LIMITS } from '../../../libs/domain/review/text-limits.js';
import { TARGET_COMPLETIONS } from '../../../libs/domain/rules/timeliness.js';
import { CRITERION_RESULTS } from '../../../libs/domain/rules/four-good-cells.js';
import { cursorField, cursorParts, limitField } from '../http/pagination.js';

// Request bodies of the review actions: shape and per-field ranges. Rules that need the
// review's state (one result per target, weights summing to 100, …) are the workflow's. Free text
// is bounded by TEXT_LIMITS, so a review (every update's answer) fits a Temporal payload.

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const AssignTargetsSchema = z.strictObject({
  targets: z
    .array(
      z.strictObject({
        title: text(TEXT_LIMITS.targetTitle),
        description: optionalText(TEXT_LIMITS.targetDescription),
        weight: z.number().int().min(0).max(REVIEW_LIMITS.weightTotal).nullish(),
        dueDate: z.iso.date().nullish().describe('When the task is due (YYYY-MM-DD); default none.'),
      }),
    )
    .min(REVIEW_LIMITS.targetsMin)
    .max(REVIEW_LIMITS.targetsMax),
});

export const SelfAssessmentSchema = z.strictObject({
  results: z
    .array(
      z.strictObject({
        targetIndex: z.number().int().min(0),
        achievement: z.number().min(0).max(REVIEW_LIMITS.achievementMax),
        comment: optionalText(TEXT_LIMITS.resultComment),
        completion: z
          .enum(TARGET_COMPLETIONS)
          .nullish()
          .describe('on_time | late | not_completed; default on_time. Under reg-366-2025 version 2, good and excellent need every task on time, completed at most 20% late.'),
      }),
    )
    .min(1)
    .max(REVIEW_LIMITS.targetsMax),
  generalScore: z.number().min(0).max(REVIEW_LIMITS.generalScoreMax).nullish(),
  proposedClassification: z.enum(CLASSIFICATIONS),
  summary: text(TEXT_LIMITS.selfAssessmentSummary),
});

// One result per "four good" criterion (libs/domain/rules/four-good-cells.ts FOUR_GOOD_CRITERIA).
const criterion = z.enum(CRITERION_RESULTS);

export const ReviewDecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'return']),
  classification: z.enum(CLASSIFICATIONS).nullish(),
  generalScore: z.number().min(0).max(REVIEW_LIMITS.generalScoreMax).nullish(),
  comment: text(TEXT_LIMITS.reviewComment),
  shortcomings: z.array(text(TEXT_LIMITS.shortcoming)).max(TEXT_LIMITS.shortcomingsMax).nullish(),
  fourGood: z
    .strictObject({ politicalTasks: criterion, activityQuality: criterion, solidarityDiscipline: criterion, cadresAndMembers: criterion })
    .nullish()
    .describe(
      'The "four good cells" rating (Resolution 21-NQ/TW): each of the four criteria achieved or not_achieved; the overall result is computed ' +
        '(achieved only when all four are). Required with approve on the collective review of a cell in a cycle launched with cellCriteria four_good ' +
        '(the review shows cellCriteria), else 400 naming fourGood; refused (400) with return and on every other review. Default: none.',
    ),
});

export const CommitteeReviewSchema = z.strictObject({
  decision: z.enum(['confirm', 'change']),
  classification: z
    .enum(CLASSIFICATIONS)
    .nullish()
    .describe('Required with change (another classification than the approved one, bounded by the score band and conditions); with confirm left out'),
  comment: text(TEXT_LIMITS.reviewComment),
});

export const ReclassifySchema = z.strictObject({
  classification: z.enum(CLASSIFICATIONS),
  comment: text(TEXT_LIMITS.reviewComment),
});

export const RemediationPlanSchema = z.strictObject({
  items: z
    .array(z.strictObject({ action: text(TEXT_LIMITS.remediationAction), dueDate: z.iso.date().or(z.iso.datetime({ offset: true })) }))
    .min(REVIEW_LIMITS.remediationItemsMin)
    .max(REVIEW_LIMITS.remediationItemsMax),
});

export const RemediationDecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'return']),
  comment: optionalText(TEXT_LIMITS.remediationComment),
});

export const ListReviewsQuery = z.object({
  limit: limitField,
  cursor: cursorField(z.tuple([cursorParts.id])),
  unitId: z.string().max(200).optional(),
  step: z.enum(STEPS).optional(),
  status: z.enum(REVIEW_STATUSES).optional(),
  subjectType: z.enum(SUBJECT_TYPES).optional(),
  subjectId: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("Only the reviews of this subject (a person's or a unit's id); `me` = the caller. Default: every subject the caller may see. A person may always list their own."),
});
export type ListReviewsQueryType = z.infer<typeof ListReviewsQuery>;

export const HistoryQuery = z.object({ format: z.enum(['events', 'temporal']).default('events') });

/**
 * GET /reviews/:id of a review in a `year` cycle: the subject's classified reviews in that year's
 * quarterly cycles (read-only; absent on reviews of other periods). Stated in the OpenAPI document.
 */
export const QuarterlyResultsSchema = z
  .array(
    z.strictObject({
      quarter: z.number().int().min(1).max(4),
      classification: z.enum(CLASSIFICATIONS),
      reviewId: z.string(),
      cycleId: z.string(),
    }),
  )
  .describe(
    "Only on a review in a `year` cycle: the same subject's results in that year's quarterly cycles (any root unit), quarter by quarter — " +
      'reviews with a classification, cancelled cycles and cancelled or withdrawn reviews left out; [] when there are none.',
  );
