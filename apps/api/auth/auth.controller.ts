import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { jsonSchemaOf } from '../openapi/json-schema.js';
import { Public } from '../http/public.decorator.js';
import { ZodPipe } from '../http/zod-pipe.js';
import { AuthService } from './auth.service.js';

const TokenRequest = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a username and password for a bearer token' })
  @ApiBody({ schema: jsonSchemaOf(TokenRequest) })
  @ApiOkResponse({ description: '{ accessToken, tokenType: "Bearer", expiresIn } — 401 on bad credentials' })
  async token(@Body(new ZodPipe(TokenRequest)) body: z.infer<typeof TokenRequest>) {
    const { actorId: _actorId, ...token } = await this.auth.issueToken(body.username, body.password);
    return token;
  }
}
