import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { CsrfTokens } from '../../../libs/auth/csrf-tokens.js';
import { CsrfError, UnauthenticatedError } from '../../../libs/domain/errors.js';
import { PrincipalLoader } from '../auth/principal-loader.js';
import { IS_PUBLIC } from './public.decorator.js';
import { contextOf } from './request-context.js';
import { changesState, CSRF_HEADER, sessionCookiesOf } from './session-cookies.js';

/**
 * Every route not marked @Public() needs a caller: a bearer token in Authorization, or, for the
 * browser, the rc_session cookie when there is no Authorization header. A cookie-authenticated
 * write must also carry X-CSRF-Token matching rc_csrf (the browser sends cookies on its own).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalLoader,
    private readonly csrf: CsrfTokens,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<Request>();
    const authorization = req.header('authorization');
    if (authorization !== undefined) {
      const [scheme, token] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthenticatedError('A bearer token is required.');
      return this.authenticate(req, token);
    }
    const cookies = sessionCookiesOf(req);
    if (!cookies.session) throw new UnauthenticatedError('A bearer token is required.');
    await this.authenticate(req, cookies.session);
    // Checked after the caller is known, so the audit trail names who was refused.
    if (changesState(req) && !this.csrf.matches(cookies.session, cookies.csrf, req.header(CSRF_HEADER))) throw new CsrfError();
    return true;
  }

  private async authenticate(req: Request, token: string): Promise<true> {
    const principal = await contextOf(req).timings.time('auth', () => this.principals.fromToken(token));
    if (!principal) throw new UnauthenticatedError();
    contextOf(req).principal = principal;
    return true;
  }
}
