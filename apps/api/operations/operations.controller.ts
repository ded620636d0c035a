import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import type { Principal } from '../../../libs/auth/principal.js';
import { Caller } from '../http/principal.decorator.js';
import { ApiProblems } from '../openapi/api-problems.js';
import { OperationsService } from './operations.service.js';
import { ApiAnswer } from '../openapi/api-answer.js';
import { OperationSchema } from './operation.responses.js';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get(':id')
  @ApiProblems(403)
  @ApiOperation({
    summary: "A bulk operation's progress (admins and auditors of its cycle's root)",
    description:
      'Started by `POST /cycles/:id/calendar` or `/cancel` with `Prefer: respond-async`. `total` = open reviews when it started ' +
      '(set to done + failed once finished, since reviews may close meanwhile); `done` = reviews handled. 404 for an unknown operation ' +
      "or one whose cycle lies outside the caller's scope, 403 for one over a cycle the caller only sees part of.",
  })
  @ApiAnswer('Operation', OperationSchema)
  get(@Caller() caller: Principal, @Param('id') id: string): Promise<z.infer<typeof OperationSchema>> {
    return this.operations.get(caller, id);
  }
}
