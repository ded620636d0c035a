import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { z } from 'zod';
import type { Principal } from '../../../libs/auth/principal.js';
import {
  assignTargetsUpdate,
  committeeReviewUpdate,
  decideRemediationUpdate,
  submitRemediationPlanUpdate,
  submitReviewUpdate,
  submitSelfAssessmentUpdate,
} from '../../../libs/temporal/definitions.js';
import { updateIdFor } from '../http/idempotency.interceptor.js';
import { RejoinsWorkflowUpdate } from '../http/rejoins-update.decorator.js';
import { Caller } from '../http/principal.decorator.js';
import { contextOf } from '../http/request-context.js';
import { ZodPipe } from '../http/zod-pipe.js';
import { ApiQueryOf } from '../openapi/api-query.js';
import { jsonSchemaOf } from '../openapi/json-schema.js';
import { ReviewActions } from './review-actions.service.js';
import { ReviewHistoryService } from './review-history.service.js';
import { ReviewReader } from './review-reader.service.js';
import {
  AssignTargetsSchema,
  CommitteeReviewSchema,
  HistoryQuery,
  ListReviewsQuery,
  RemediationDecisionSchema,
  ReclassifySchema,
  RemediationPlanSchema,
  ReviewDecisionSchema,
  SelfAssessmentSchema,
  type ListReviewsQueryType,
} from './review.schemas.js';
import { ApiAnswer } from '../openapi/api-answer.js';
import { ApiProblems } from '../openapi/api-problems.js';
import { ReviewHistoryAnswerSchema, ReviewPageSchema, ReviewSchema, type ReviewResponse } from './review.responses.js';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller()
export class ReviewsController {
  constructor(
    private readonly reader: ReviewReader,
    private readonly actions: ReviewActions,
    private readonly history: ReviewHistoryService,
  ) {}

  @Get('cycles/:id/reviews')
  @ApiProblems()
  @ApiOperation({ summary: "A cycle's reviews the caller may see", description: '`subjectId=me` lists the reviews where the caller is the subject ("my reviews").' })
  @ApiQueryOf(ListReviewsQuery)
  @ApiAnswer('ReviewPage', ReviewPageSchema)
  list(@Caller() caller: Principal, @Param('id') cycleId: string, @Query(new ZodPipe(ListReviewsQuery)) query: ListReviewsQueryType): Promise<z.infer<typeof ReviewPageSchema>> {
    return this.reader.listForCycle(caller, cycleId, query);
  }

  @Get('reviews/:id')
  @ApiProblems()
  @ApiOperation({ summary: 'One review: targets, self-assessment, review, remediation plan, classification' })
  @ApiAnswer('Review', ReviewSchema, {
    description: "`quarterlyResults` only on a review in a yearly cycle (the subject's results in that year's quarterly cycles). Every review action answers with the review in this same form.",
  })
  get(@Caller() caller: Principal, @Param('id') id: string): Promise<ReviewResponse> {
    return this.reader.get(caller, id);
  }

  @Post('reviews/:id/targets')
  @ApiProblems()
  @RejoinsWorkflowUpdate()
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign targets (the reviewer, step target_assignment)' })
  @ApiAnswer('Review', ReviewSchema, { description: 'The review after the action' })
  @ApiBody({ schema: jsonSchemaOf(AssignTargetsSchema) })
  assignTargets(@Caller() caller: Principal, @Param('id') id: string, @Body(new ZodPipe(AssignTargetsSchema)) body: z.infer<typeof AssignTargetsSchema>, @Req() req: Request): Promise<ReviewResponse> {
    return this.act(req, id, () => this.actions.perform(caller, id, assignTargetsUpdate, body, updateIdFor(req), contextOf(req).timings));
  }

  @Post('reviews/:id/self-assessment')
  @ApiProblems()
  @RejoinsWorkflowUpdate()
  @HttpCode(200)
  @ApiOperation({ summary: "Submit the self-assessment (the subject, or a unit's head; step self_assessment)" })
  @ApiAnswer('Review', ReviewSchema, { description: 'The review after the action' })
  @ApiBody({ schema: jsonSchemaOf(SelfAssessmentSchema) })
  selfAssess(@Caller() caller: Principal, @Param('id') id: string, @Body(new ZodPipe(SelfAssessmentSchema)) body: z.infer<typeof SelfAssessmentSchema>, @Req() req: Request): Promise<ReviewResponse> {
    return this.act(req, id, () => this.actions.perform(caller, id, submitSelfAssessmentUpdate, body, updateIdFor(req), contextOf(req).timings));
  }

  @Post('reviews/:id/review')
  @ApiProblems()
  @RejoinsWorkflowUpdate()
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve with a classification, or return for revision (the reviewer, step superior_review)' })
  @ApiAnswer('Review', ReviewSchema, { description: 'The review after the action' })
  @ApiBody({ schema: jsonSchemaOf(ReviewDecisionSchema) })
  review(@Caller() caller: Principal, @Param('id') id: string, @Body(new ZodPipe(ReviewDecisionSchema)) body: z.infer<typeof ReviewDecisionSchema>, @Req() req: Request): Promise<ReviewResponse> {
    return this.act(req, id, () => this.actions.perform(caller, id, submitReviewUpdate, body, updateIdFor(req), contextOf(req).timings));
  }

  @Post('reviews/:id/remediation-plan')
  @ApiProblems()
  @RejoinsWorkflowUpdate()
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the remediation plan (the subject side, step remediation_plan)' })
  @ApiAnswer('Review', ReviewSchema, { description: 'The review after the action' })
  @ApiBody({ schema: jsonSchemaOf(RemediationPlanSchema) })
  remediationPlan(@Caller() caller: Principal, @Param('id') id: string, @Body(new ZodPipe(RemediationPlanSchema)) body: z.infer<typeof RemediationPlanSchema>, @Req() req: Request): Promise<ReviewResponse> {
    return this.act(req, id, () => this.actions.perform(caller, id, submitRemediationPlanUpdate, body, updateIdFor(req), contextOf(req).timings));
  }

  @Post('reviews/:id/remediation-decision')
  @ApiProblems()
  @RejoinsWorkflowUpdate()
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve or return the submitted remediation plan (the reviewer)' })
  @ApiAnswer('Review', ReviewSchema, { description: 'The review after the action' })
  @ApiBody({ schema: jsonSchemaOf(RemediationDecisionSchema) })
  remediationDecision(@Caller() caller: Principal, @Param('id') id: string, @Body(new ZodPipe(RemediationDecisionSchema)) body: z.infer<typeof RemediationDecisionSchema>, @Req() req: Request): Promise<ReviewResponse> {
    return this.act(req, id, () => this.actions.perform(caller, id, decideRemediationUpdate, body, updateIdFor(req), contextOf(req).timings));
  }

  @Post('reviews/:id/committee-review')
  @ApiProblems()
  @RejoinsWorkflowUpdate()
  @HttpCode(200)
  @ApiOperation({
    summary: "The standing committee's extra review: confirm or change the approved classification (the managing unit's head, after the deciding review approved)",
    description:
      'Only on a review whose subject the registry flags as managed by a higher unit (managedByUnitId), once the deciding review approved (committee.status pending). Recorded as review.committee_decided; a remediation plan follows when the final classification or the review needs one.',
  })
  @ApiAnswer('Review', ReviewSchema, { description: 'The review after the action' })
  @ApiBody({ schema: jsonSchemaOf(CommitteeReviewSchema) })
  committeeReview(@Caller() caller: Principal, @Param('id') id: string, @Body(new ZodPipe(CommitteeReviewSchema)) body: z.infer<typeof CommitteeReviewSchema>, @Req() req: Request): Promise<ReviewResponse> {
    return this.act(req, id, () => this.actions.perform(caller, id, committeeReviewUpdate, body, updateIdFor(req), contextOf(req).timings));
  }

  @Post('reviews/:id/reclassify')
  @ApiProblems()
  @RejoinsWorkflowUpdate()
  @HttpCode(200)
  @ApiOperation({
    summary: "Calibration: lower a done review's classification so its quota group fits (the deciding unit's head, report calibration_needed)",
    description: 'Only lowering. Recorded as review.reclassified in the review history. When every group fits, the report becomes ready.',
  })
  @ApiAnswer('Review', ReviewSchema, { description: 'The review after the action' })
  @ApiBody({ schema: jsonSchemaOf(ReclassifySchema) })
  reclassify(@Caller() caller: Principal, @Param('id') id: string, @Body(new ZodPipe(ReclassifySchema)) body: z.infer<typeof ReclassifySchema>, @Req() req: Request): Promise<ReviewResponse> {
    return this.act(req, id, () => this.actions.reclassify(caller, id, body, updateIdFor(req), contextOf(req).timings));
  }

  @Get('reviews/:id/history')
  @ApiProblems(403)
  @ApiOperation({ summary: "Every action on the review: who, when, with what (admins and auditors of the scope; the subject). ?format=temporal: the workflow's raw history" })
  @ApiAnswer('ReviewHistoryAnswer', ReviewHistoryAnswerSchema, {
    description:
      "By default the events ({ workflowId, events }), with the cycle's notices (task.reminded / task.overdue / task.escalated) among them; " +
      'with ?format=temporal the raw history, which for a cycle created since the notice sweep has no notices (the cycle sends them)',
  })
  async historyOf(@Caller() caller: Principal, @Param('id') id: string, @Query(new ZodPipe(HistoryQuery)) query: z.infer<typeof HistoryQuery>): Promise<z.infer<typeof ReviewHistoryAnswerSchema>> {
    return query.format === 'temporal' ? this.history.temporalHistory(caller, id) : this.history.events(caller, id);
  }

  /** Names the review in the audit trail (accepted or refused), then performs the action. */
  private act<T>(req: Request, reviewId: string, action: () => Promise<T>): Promise<T> {
    Object.assign(contextOf(req).audit, { target: `review:${reviewId}`, reviewId });
    return action();
  }
}
