import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import type { Principal } from '../../../libs/auth/principal.js';
import { updateIdFor } from '../http/idempotency.interceptor.js';
import { RejoinsWorkflowUpdate } from '../http/rejoins-update.decorator.js';
import { Caller } from '../http/principal.decorator.js';
import { contextOf } from '../http/request-context.js';
import { ZodPipe } from '../http/zod-pipe.js';
import { jsonSchemaOf } from '../openapi/json-schema.js';
import { ReportsService } from './reports.service.js';
import { ApiProblems } from '../openapi/api-problems.js';
import { ApiAnswer } from '../openapi/api-answer.js';
import { ReportSchema } from './report.responses.js';

const SubmitReportSchema = z.strictObject({ summary: z.string().trim().min(1).max(20_000) });

@ApiTags('reports')
@ApiBearerAuth()
@Controller('cycles/:cycleId/units/:unitId/report')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @ApiProblems(403)
  @ApiOperation({
    summary: "A unit's report upward: counts and percentages per classification, children, submission",
    description:
      '`percentages.people|units` are shares in percent with two decimals, by the largest-remainder method: when the total is > 0 the four ' +
      'classifications sum to exactly 100.00. `goodOrBetter.people|units` = `{ count, percent }` for excellent + good ' +
      '("18/21 completed well or better"), its percent the sum of the excellent and good percentages shown; 0 when the total is 0.',
  })
  @ApiAnswer('Report', ReportSchema)
  get(@Caller() caller: Principal, @Param('cycleId') cycleId: string, @Param('unitId') unitId: string): Promise<z.infer<typeof ReportSchema>> {
    return this.reports.get(caller, cycleId, unitId);
  }

  @Post()
  @ApiProblems()
  @RejoinsWorkflowUpdate()
  @HttpCode(200)
  @ApiOperation({ summary: "Submit the report (the unit's head, status ready); the root's submission completes the cycle" })
  @ApiBody({ schema: jsonSchemaOf(SubmitReportSchema) })
  @ApiAnswer('Report', ReportSchema, { description: 'The report, submitted' })
  submit(
    @Caller() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Param('unitId') unitId: string,
    @Body(new ZodPipe(SubmitReportSchema)) body: z.infer<typeof SubmitReportSchema>,
    @Req() req: Request,
  ): Promise<z.infer<typeof ReportSchema>> {
    Object.assign(contextOf(req).audit, { cycleId, unitId, target: `report:${cycleId}:${unitId}` });
    return this.reports.submit(caller, cycleId, unitId, body.summary, updateIdFor(req));
  }
}
