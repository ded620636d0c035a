import { Body, Controller, Get, Param, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { z } from 'zod';
import type { Principal } from '../../../libs/auth/principal.js';
import { Caller } from '../http/principal.decorator.js';
import { contextOf } from '../http/request-context.js';
import { ZodPipe } from '../http/zod-pipe.js';
import { jsonSchemaOf } from '../openapi/json-schema.js';
import { quotaAuditTarget } from './quota-audit-target.js';
import { RaiseQuotaSchema, type RaiseQuotaBody } from './quota.schemas.js';
import { QuotaService } from './quota.service.js';
import { ApiProblems } from '../openapi/api-problems.js';
import { ApiAnswer } from '../openapi/api-answer.js';
import { QuotaSchema } from './quota.responses.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('cycles/:cycleId/units/:unitId/quota')
export class QuotaController {
  constructor(private readonly quota: QuotaService) {}

  @Get()
  @ApiProblems(403)
  @ApiOperation({ summary: "A unit's excellent quota in the cycle: the rule set's, or the raise granted by the level above (admins and auditors of the scope)" })
  @ApiAnswer('Quota', QuotaSchema)
  get(@Caller() caller: Principal, @Param('cycleId') cycleId: string, @Param('unitId') unitId: string): Promise<z.infer<typeof QuotaSchema>> {
    return this.quota.get(caller, cycleId, unitId);
  }

  @Put()
  @ApiProblems(409)
  @ApiOperation({
    summary: "Raise one unit's excellent quota (reg-366-2025 only, at most 25%)",
    description:
      "An administrator whose scope includes the unit's parent; before the unit has closed its reviews (409 after). " +
      '400 outside 20–25% or under a rule set without raises. `reason` is required as before; `decisionNumber` and `decisionDate` ' +
      '(YYYY-MM-DD) record the decision granting the raise, each optional (absent: not recorded, null in the answer); a new raise ' +
      'replaces the last one whole. Answers and `GET` return `{ excellentPercent, reason, decisionNumber, decisionDate, setBy, setAt }`. ' +
      'Recorded in the audit trail, its target naming the decision when given.',
  })
  @ApiBody({ schema: jsonSchemaOf(RaiseQuotaSchema) })
  @ApiAnswer('Quota', QuotaSchema, { description: 'The quota as raised' })
  raise(@Caller() caller: Principal, @Param('cycleId') cycleId: string, @Param('unitId') unitId: string, @Body(new ZodPipe(RaiseQuotaSchema)) body: RaiseQuotaBody, @Req() req: Request): Promise<z.infer<typeof QuotaSchema>> {
    Object.assign(contextOf(req).audit, { cycleId, unitId, target: quotaAuditTarget(cycleId, unitId, body) });
    return this.quota.raise(caller, cycleId, unitId, body);
  }
}
