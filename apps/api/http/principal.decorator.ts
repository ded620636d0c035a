import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../../../libs/auth/principal.js';
import { UnauthenticatedError } from '../../../libs/domain/errors.js';
import { contextOf } from './request-context.js';

/** The authenticated caller of the route. */
export const Caller = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = contextOf(ctx.switchToHttp().getRequest<Request>()).principal;
  if (!principal) throw new UnauthenticatedError();
  return principal;
});
