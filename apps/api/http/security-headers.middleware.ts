import type { NextFunction, Request, Response } from 'express';
import { isApiPath } from '../web/app-paths.js';

/** Headers every answer carries; API answers (tokens, personal data) are never stored by caches. */
export function securityHeadersMiddleware() {
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    if (isApiPath(req.path)) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
