import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../libs/auth/principal.js';
import { Caller } from '../http/principal.decorator.js';
import { MeService } from './me.service.js';
import { ApiProblems } from '../openapi/api-problems.js';
import { ApiAnswer } from '../openapi/api-answer.js';
import { MeSchema, type MeView } from './me.responses.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @ApiProblems()
  @ApiOperation({
    summary: 'The caller: person, roles and the units they head',
    description:
      '`name`, `unitId`, `unitName`, `position` are null for an account with no person (the bootstrap admin). `headOf` lists the units ' +
      'whose head (secretary, else deputy, else inherited from the nearest ancestor) the caller is.',
  })
  @ApiAnswer('Me', MeSchema)
  get(@Caller() caller: Principal): Promise<MeView> {
    return this.me.describe(caller);
  }
}
