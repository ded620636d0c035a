import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { UnauthenticatedError } from '../../../libs/domain/errors.js';
import { PrincipalLoader } from '../auth/principal-loader.js';
import { IS_PUBLIC } from './public.decorator.js';
import { contextOf } from './request-context.js';

/** Requires a valid bearer token on every route not marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalLoader,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<Request>();
    const [scheme, token] = (req.header('authorization') ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthenticatedError('A bearer token is required.');
    const principal = await this.principals.fromToken(token);
    if (!principal) throw new UnauthenticatedError();
    contextOf(req).principal = principal;
    return true;
  }
}
