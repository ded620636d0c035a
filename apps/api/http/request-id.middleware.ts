import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { contextOf } from './request-context.js';

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when sane), adds its Server-Timing as the
 * headers leave, and logs it when it ends.
 */
export function requestIdMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const offered = req.header('x-request-id');
    const context = contextOf(req);
    context.requestId = offered && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
    res.setHeader('X-Request-Id', context.requestId);
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
      if (!res.headersSent) res.setHeader('Server-Timing', context.timings.header());
      return writeHead.apply(this, args);
    } as Response['writeHead'];
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { requestId: context.requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms), actorId: context.principal?.actorId },
        'request',
      );
    });
    next();
  };
}
