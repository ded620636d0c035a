import type { Request } from 'express';
import type { Principal } from '../../../libs/auth/principal.js';
import { RequestTimings } from './request-timings.js';

/** What the API learns about a request as it passes through: its id, caller, and audit facts. */
export interface RequestContext {
  requestId: string;
  principal: Principal | null;
  /** Filled by handlers that know which cycle/unit/target an action concerns. */
  audit: { target?: string; cycleId?: string | null; unitId?: string | null; reviewId?: string };
  replayed: boolean;
  /** The audit entry written before the handler ran, which the outcome's entry completes. */
  auditAttemptSeq?: string;
  /** The request's phases, for its Server-Timing header. */
  timings: RequestTimings;
}

const CONTEXT = Symbol('requestContext');

export function contextOf(req: Request): RequestContext {
  const holder = req as Request & { [CONTEXT]?: RequestContext };
  holder[CONTEXT] ??= { requestId: 'unknown', principal: null, audit: {}, replayed: false, timings: new RequestTimings() };
  return holder[CONTEXT];
}
