import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../libs/auth/principal.js';
import { Caller } from '../http/principal.decorator.js';
import { MeService } from './me.service.js';
import { ApiProblems } from '../openapi/api-problems.js';

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
  @ApiOkResponse({ description: '{ id, username, name, unitId, unitName, position, roles: [{ role, unitId, unitName }], headOf: [{ unitId, name, kind }] }' })
  get(@Caller() caller: Principal) {
    return this.me.describe(caller);
  }
}
