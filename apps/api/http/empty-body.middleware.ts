import type { NextFunction, Request, Response } from 'express';

/**
 * The JSON parser reads a zero-byte body as `{}`; it is no body at all, as when none is sent, so
 * a route that needs one answers 400 naming `(body)` (ZodPipe) instead of validating `{}`.
 */
export function emptyBodyMiddleware() {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.headers['content-length'] === '0') req.body = undefined;
    next();
  };
}
