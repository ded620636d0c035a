import type { NextFunction, Request, Response } from 'express';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentSecurityPolicy, newNonce, NONCE_PLACEHOLDER } from './content-security-policy.js';
import { isWebAppPath } from './app-paths.js';

const NOT_BUILT = 'The web app is not built: run `npm run build`, then reload this page.\n';
// A single path segment with an extension: a file Vite copied to the root (favicon.svg, robots.txt).
const ROOT_FILE = /^\/[^/]+\.[A-Za-z0-9]+$/;

/** Where the built app is: WEB_DIR (relative to the working directory), else dist/web beside the compiled API. */
export function resolveWebDir(configured: string | null): string {
  if (configured !== null) return isAbsolute(configured) ? configured : resolve(configured);
  // This file runs as dist/apps/api/web/web-app.middleware.js.
  return fileURLToPath(new URL('../../../web/', import.meta.url));
}

/**
 * Serves the built web app: /assets/* as immutable files, root files as they are, and index.html
 * (with a fresh CSP nonce) for every other GET outside the API, so client-side routes load the app.
 * Files are read per request, so rebuilding the app needs no restart.
 */
export function webAppMiddleware(dir: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isWebAppPath(req.path)) return next();
    if (req.path.startsWith('/assets/')) {
      // A missing asset is a 404, never index.html: a browser would try to run HTML as a script.
      return res.sendFile(req.path, { root: dir, dotfiles: 'deny', immutable: true, maxAge: '365d' }, (err) => {
        if (err && !res.headersSent) res.status(404).type('text/plain').send('Not found\n');
      });
    }
    if (req.path !== '/index.html' && ROOT_FILE.test(req.path)) {
      res.setHeader('Cache-Control', 'no-cache');
      return res.sendFile(req.path, { root: dir, dotfiles: 'deny', cacheControl: false }, (err) => {
        if (err && !res.headersSent) sendIndex(dir, res).catch(next);
      });
    }
    sendIndex(dir, res).catch(next);
  };
}

async function sendIndex(dir: string, res: Response): Promise<void> {
  let html: string;
  try {
    html = await readFile(join(dir, 'index.html'), 'utf8');
  } catch {
    res.setHeader('Cache-Control', 'no-cache');
    res.status(200).type('text/plain').send(NOT_BUILT);
    return;
  }
  const nonce = newNonce();
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce));
  res.status(200).type('text/html; charset=utf-8').send(html.replaceAll(NONCE_PLACEHOLDER, nonce));
}
