import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { z } from 'zod';
import type { Principal } from '../../../libs/auth/principal.js';
import { updateIdFor } from '../http/idempotency.interceptor.js';
import { RejoinsWorkflowUpdate } from '../http/rejoins-update.decorator.js';
import { Caller } from '../http/principal.decorator.js';
import { contextOf } from '../http/request-context.js';
import { ZodPipe } from '../http/zod-pipe.js';
import { jsonSchemaOf } from '../openapi/json-schema.js';
import { CancelCycleSchema, ChangeCalendarSchema, CreateCycleSchema, ListCyclesQuery, type CreateCycleBody, type ListCyclesQueryType } from './cycle.schemas.js';
import { CyclesService } from './cycles.service.js';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles')
export class CyclesController {
  constructor(private readonly cycles: CyclesService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Launch the annual cycle for a unit (admin of the unit)', description: 'One cycle per (year, rootUnitId): a second is 409.' })
  @ApiBody({ schema: jsonSchemaOf(CreateCycleSchema) })
  async create(@Caller() caller: Principal, @Body(new ZodPipe(CreateCycleSchema)) body: CreateCycleBody, @Req() req: Request) {
    contextOf(req).audit.unitId = body.rootUnitId;
    const created = await this.cycles.create(caller, body);
    Object.assign(contextOf(req).audit, { cycleId: created.id, target: `cycle:${created.id}` });
    return created;
  }

  @Get()
  @ApiOperation({ summary: 'Cycles the caller may see, newest first' })
  list(@Caller() caller: Principal, @Query(new ZodPipe(ListCyclesQuery)) query: ListCyclesQueryType) {
    return this.cycles.list(caller, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A cycle with its progress' })
  get(@Caller() caller: Principal, @Param('id') id: string) {
    return this.cycles.get(caller, id);
  }

  @Post(':id/cancel')
  @RejoinsWorkflowUpdate()
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a cycle (admin): every open review ends as cancelled' })
  @ApiBody({ schema: jsonSchemaOf(CancelCycleSchema) })
  cancel(@Caller() caller: Principal, @Param('id') id: string, @Body(new ZodPipe(CancelCycleSchema)) body: z.infer<typeof CancelCycleSchema>, @Req() req: Request) {
    Object.assign(contextOf(req).audit, { cycleId: id, target: `cycle:${id}` });
    return this.cycles.cancel(caller, id, body.reason, updateIdFor(req));
  }

  @Post(':id/calendar')
  @RejoinsWorkflowUpdate()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move dates of a running cycle (admin of its root)',
    description: 'Only the given fields change. Every open review takes the new dates (due dates, the self-assessment opening, reminders), recorded as calendar.changed in its history.',
  })
  @ApiBody({ schema: jsonSchemaOf(ChangeCalendarSchema) })
  changeCalendar(@Caller() caller: Principal, @Param('id') id: string, @Body(new ZodPipe(ChangeCalendarSchema)) body: z.infer<typeof ChangeCalendarSchema>, @Req() req: Request) {
    Object.assign(contextOf(req).audit, { cycleId: id, target: `cycle:${id}` });
    return this.cycles.changeCalendar(caller, id, body, updateIdFor(req));
  }
}
