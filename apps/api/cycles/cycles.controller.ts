import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Principal } from '../../../libs/auth/principal.js';
import { updateIdFor } from '../http/idempotency.interceptor.js';
import { RejoinsWorkflowUpdate } from '../http/rejoins-update.decorator.js';
import { Caller } from '../http/principal.decorator.js';
import { contextOf } from '../http/request-context.js';
import { ZodPipe } from '../http/zod-pipe.js';
import { ApiQueryOf } from '../openapi/api-query.js';
import { jsonSchemaOf } from '../openapi/json-schema.js';
import { CycleDashboardService } from './cycle-dashboard.service.js';
import {
  CancelCycleSchema,
  ChangeCalendarSchema,
  CompletionQuery,
  CreateCycleSchema,
  ListCyclesQuery,
  OverdueQuery,
  type CreateCycleBody,
  type ListCyclesQueryType,
  type OverdueQueryType,
} from './cycle.schemas.js';
import { CyclesService } from './cycles.service.js';
import { answerBulk } from './bulk-answer.js';
import { OperationsService } from '../operations/operations.service.js';
import { ApiAnswer } from '../openapi/api-answer.js';
import { ApiProblems } from '../openapi/api-problems.js';
import { OperationSchema } from '../operations/operation.responses.js';
import { CompletionSchema, CyclePageSchema, CycleSchema, LaunchedCycleSchema, OverduePageSchema, type CycleResponse } from './cycle.responses.js';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles')
export class CyclesController {
  constructor(
    private readonly cycles: CyclesService,
    private readonly dashboard: CycleDashboardService,
    private readonly operations: OperationsService,
  ) {}

  @Post()
  @ApiProblems(403, 409)
  @HttpCode(201)
  @ApiOperation({
    summary: 'Launch a review cycle for a unit: the year, a quarter, the term or an ad hoc review (admin of the unit)',
    description:
      'One cycle per (year, rootUnitId, period): a second is 409. Without `period` the cycle reviews the year, as before; ' +
      'different quarters of a year, or a quarter and the year, are different periods and may run side by side.',
  })
  @ApiBody({ schema: jsonSchemaOf(CreateCycleSchema) })
  @ApiAnswer('LaunchedCycle', LaunchedCycleSchema, { status: 201, description: 'The cycle, launching: GET /cycles/:id follows it' })
  async create(@Caller() caller: Principal, @Body(new ZodPipe(CreateCycleSchema)) body: CreateCycleBody, @Req() req: Request): Promise<z.infer<typeof LaunchedCycleSchema>> {
    contextOf(req).audit.unitId = body.rootUnitId;
    const created = await this.cycles.create(caller, body);
    Object.assign(contextOf(req).audit, { cycleId: created.id, target: `cycle:${created.id}` });
    return created;
  }

  @Get()
  @ApiProblems()
  @ApiOperation({ summary: 'Cycles the caller may see, newest first' })
  @ApiAnswer('CyclePage', CyclePageSchema)
  list(@Caller() caller: Principal, @Query(new ZodPipe(ListCyclesQuery)) query: ListCyclesQueryType): Promise<z.infer<typeof CyclePageSchema>> {
    return this.cycles.list(caller, query);
  }

  @Get(':id')
  @ApiProblems()
  @ApiOperation({ summary: 'A cycle with its progress' })
  @ApiAnswer('Cycle', CycleSchema)
  get(@Caller() caller: Principal, @Param('id') id: string): Promise<CycleResponse> {
    return this.cycles.get(caller, id);
  }

  @Get(':id/completion')
  @ApiProblems(403)
  @ApiOperation({
    summary: 'One level of the completion tree: a unit and its children (admins and auditors of the unit)',
    description:
      "`subjects` and `done` count the reviews owned in each unit's whole subtree (withdrawn and cancelled excluded); `percent` = done/subjects " +
      'rounded to two decimals (0 when none); `overdue` = open tasks past their due date there; `reportStatus` = the report\'s status, null before it exists. ' +
      '404 for an unknown cycle, 400 naming `unitId` for a unit not in the cycle, 403 for a unit outside the caller\'s admin/auditor scope.',
  })
  @ApiQueryOf(CompletionQuery)
  @ApiAnswer('Completion', CompletionSchema)
  completion(@Caller() caller: Principal, @Param('id') id: string, @Query(new ZodPipe(CompletionQuery)) query: z.infer<typeof CompletionQuery>): Promise<z.infer<typeof CompletionSchema>> {
    return this.dashboard.completion(caller, id, query.unitId);
  }

  @Get(':id/overdue')
  @ApiProblems(403)
  @ApiOperation({
    summary: "Open tasks past their due date in a unit's subtree (the root by default), the most late first (admins and auditors of the unit)",
    description: 'Same access and `unitId` rules as `/completion`; a unit\'s `overdue` there is the number of rows here.',
  })
  @ApiQueryOf(OverdueQuery)
  @ApiAnswer('OverduePage', OverduePageSchema)
  overdue(@Caller() caller: Principal, @Param('id') id: string, @Query(new ZodPipe(OverdueQuery)) query: OverdueQueryType): Promise<z.infer<typeof OverduePageSchema>> {
    return this.dashboard.overdue(caller, id, query);
  }

  @Post(':id/cancel')
  @ApiProblems()
  @RejoinsWorkflowUpdate()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a cycle (admin): every open review ends as cancelled',
    description:
      'The cycle is cancelled at once; an operation then sweeps its open reviews in batches. By default the answer waits for it (up to two minutes) ' +
      'and is 200 with the cycle; with `Prefer: respond-async` it is 202 at once with the operation and `Location: /api/v1/operations/:id`.',
  })
  @ApiHeader({ name: 'Prefer', required: false, description: '`respond-async`: answer 202 with the operation instead of waiting for it' })
  @ApiAnswer('Cycle', CycleSchema, { description: 'The cycle once the operation has finished (or after two minutes; `Operation-Location` names it)' })
  @ApiAnswer('Operation', OperationSchema, { status: 202, description: 'With `Prefer: respond-async`: the operation (see GET /operations/:id); `Location` names it' })
  @ApiBody({ schema: jsonSchemaOf(CancelCycleSchema) })
  async cancel(
    @Caller() caller: Principal,
    @Param('id') id: string,
    @Body(new ZodPipe(CancelCycleSchema)) body: z.infer<typeof CancelCycleSchema>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    Object.assign(contextOf(req).audit, { cycleId: id, target: `cycle:${id}` });
    const operationId = await this.cycles.cancel(caller, id, body.reason, updateIdFor(req));
    return answerBulk<CycleResponse>(req, res, this.operations, operationId, () => this.cycles.get(caller, id));
  }

  @Post(':id/calendar')
  @ApiProblems()
  @RejoinsWorkflowUpdate()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move dates of a running cycle (admin of its root)',
    description:
      'Only the given fields change. Every open review takes the new dates (due dates, the self-assessment opening, reminders), recorded as calendar.changed in its history; ' +
      'reviews not started yet start with them. The dates are stored at once; an operation then tells the open reviews in batches. By default the answer waits for it ' +
      '(up to two minutes) and is 200 with the cycle; with `Prefer: respond-async` it is 202 at once with the operation and `Location: /api/v1/operations/:id`.',
  })
  @ApiHeader({ name: 'Prefer', required: false, description: '`respond-async`: answer 202 with the operation instead of waiting for it' })
  @ApiAnswer('Cycle', CycleSchema, { description: 'The cycle once the operation has finished (or after two minutes; `Operation-Location` names it)' })
  @ApiAnswer('Operation', OperationSchema, { status: 202, description: 'With `Prefer: respond-async`: the operation (see GET /operations/:id); `Location` names it' })
  @ApiBody({ schema: jsonSchemaOf(ChangeCalendarSchema) })
  async changeCalendar(
    @Caller() caller: Principal,
    @Param('id') id: string,
    @Body(new ZodPipe(ChangeCalendarSchema)) body: z.infer<typeof ChangeCalendarSchema>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    Object.assign(contextOf(req).audit, { cycleId: id, target: `cycle:${id}` });
    const operationId = await this.cycles.changeCalendar(caller, id, body, updateIdFor(req));
    return answerBulk<CycleResponse>(req, res, this.operations, operationId, () => this.cycles.get(caller, id));
  }
}
