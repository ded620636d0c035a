import type { Request, Response } from 'express';
import { parseCookies } from './cookies.js';

// The browser's session: the access token in an HttpOnly cookie sent to the API only, and the
// CSRF token in a cookie the page can read and echo in X-CSRF-Token.

export const SESSION_COOKIE = 'rc_session';
export const CSRF_COOKIE = 'rc_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_PATH = '/api';
const CSRF_PATH = '/';

export function sessionCookiesOf(req: Request): { session: string | undefined; csrf: string | undefined } {
  const cookies = parseCookies(req.header('cookie'));
  return { session: cookies.get(SESSION_COOKIE) || undefined, csrf: cookies.get(CSRF_COOKIE) || undefined };
}

export function setSessionCookies(req: Request, res: Response, session: { token: string; csrfToken: string; maxAgeSeconds: number }): void {
  const maxAge = session.maxAgeSeconds * 1000;
  res.cookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'strict', path: SESSION_PATH, maxAge, secure: req.secure });
  res.cookie(CSRF_COOKIE, session.csrfToken, { sameSite: 'strict', path: CSRF_PATH, maxAge, secure: req.secure });
}

export function clearSessionCookies(req: Request, res: Response): void {
  res.cookie(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: SESSION_PATH, maxAge: 0, secure: req.secure });
  res.cookie(CSRF_COOKIE, '', { sameSite: 'strict', path: CSRF_PATH, maxAge: 0, secure: req.secure });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function changesState(req: Request): boolean {
  return !SAFE_METHODS.has(req.method);
}
