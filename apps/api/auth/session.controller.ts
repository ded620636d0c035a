import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { CsrfTokens } from '../../../libs/auth/csrf-tokens.js';
import { CsrfError } from '../../../libs/domain/errors.js';
import { Public } from '../http/public.decorator.js';
import { contextOf } from '../http/request-context.js';
import { clearSessionCookies, CSRF_HEADER, sessionCookiesOf, setSessionCookies } from '../http/session-cookies.js';
import { ZodPipe } from '../http/zod-pipe.js';
import { jsonSchemaOf } from '../openapi/json-schema.js';
import { AuthService } from './auth.service.js';
import { CredentialsSchema, type Credentials } from './credentials.schema.js';
import { PrincipalLoader } from './principal-loader.js';
import { ApiProblems } from '../openapi/api-problems.js';
import { ApiAnswer } from '../openapi/api-answer.js';
import { SessionSchema } from './auth.responses.js';

/** Sign-in for the browser: the same credentials as POST /auth/token, the token kept in an HttpOnly cookie. */
@ApiTags('auth')
@Controller('auth')
export class SessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly csrf: CsrfTokens,
    private readonly principals: PrincipalLoader,
  ) {}

  @Public()
  @Post('session')
  @ApiProblems(401, 429)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in the browser with a cookie session',
    description:
      'Sets `rc_session` (the access token; HttpOnly, SameSite=Strict, Path=/api) and `rc_csrf` (readable by the page, Path=/). ' +
      'A request without Authorization is then authenticated by the cookie; a cookie-authenticated request other than GET/HEAD/OPTIONS ' +
      'must send `X-CSRF-Token` equal to `rc_csrf`, else 403 (`type` /problems/csrf). 401 on bad credentials, as POST /auth/token.',
  })
  @ApiBody({ schema: jsonSchemaOf(CredentialsSchema) })
  @ApiAnswer('Session', SessionSchema)
  async open(@Body(new ZodPipe(CredentialsSchema)) body: Credentials, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<z.infer<typeof SessionSchema>> {
    const issued = await this.auth.issueToken(body.username, body.password);
    const csrfToken = this.csrf.tokenFor(issued.accessToken);
    setSessionCookies(req, res, { token: issued.accessToken, csrfToken, maxAgeSeconds: issued.expiresIn });
    return { expiresIn: issued.expiresIn, csrfToken };
  }

  @Public()
  @Post('logout')
  @ApiProblems(403)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign the browser out: both session cookies cleared',
    description: 'Works with an expired session too. With a session cookie, `X-CSRF-Token` must match `rc_csrf` (403 otherwise), so another site cannot sign the user out.',
  })
  @ApiNoContentResponse()
  async close(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const { session, csrf } = sessionCookiesOf(req);
    if (session !== undefined) {
      // Named in the audit trail when the session is still valid.
      contextOf(req).principal = await this.principals.fromToken(session);
      if (!this.csrf.matches(session, csrf, req.header(CSRF_HEADER))) throw new CsrfError();
    }
    clearSessionCookies(req, res);
  }
}
