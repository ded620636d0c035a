import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { jsonSchemaOf } from '../openapi/json-schema.js';
import { Public } from '../http/public.decorator.js';
import { ZodPipe } from '../http/zod-pipe.js';
import { AuthService } from './auth.service.js';
import { CredentialsSchema, type Credentials } from './credentials.schema.js';
import { ApiProblems } from '../openapi/api-problems.js';
import { ApiAnswer } from '../openapi/api-answer.js';
import { TokenSchema } from './auth.responses.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('token')
  @ApiProblems(401, 429)
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a username and password for a bearer token' })
  @ApiBody({ schema: jsonSchemaOf(CredentialsSchema) })
  @ApiAnswer('Token', TokenSchema, { description: '401 on bad credentials' })
  async token(@Body(new ZodPipe(CredentialsSchema)) body: Credentials): Promise<z.infer<typeof TokenSchema>> {
    const { actorId: _actorId, ...token } = await this.auth.issueToken(body.username, body.password);
    return token;
  }
}
