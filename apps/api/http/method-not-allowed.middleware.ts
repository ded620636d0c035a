import { MethodNotAllowedException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { METHODS } from 'node:http';
import { PROBLEM_CONTENT_TYPE, problemFor } from './problem.js';
import { contextOf } from './request-context.js';

interface RouteLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): boolean;
}

/**
 * A path the API serves, asked with a method it does not serve, is a 405 naming the methods it
 * does (Allow), not a 404: the router says which routes match, so a new route needs nothing here.
 */
export function methodNotAllowedMiddleware() {
  return (req: Request, res: Response, next: NextFunction) => {
    const allowed = allowedMethods(req);
    if (allowed.length === 0 || allowed.includes(req.method)) return next();
    const problem = problemFor(new MethodNotAllowedException(`${req.method} is not allowed on ${req.path}; allowed: ${allowed.join(', ')}.`), contextOf(req).requestId);
    res.status(405).setHeader('Allow', allowed.join(', '));
    res.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  };
}

function allowedMethods(req: Request): string[] {
  const layers = (req.app as unknown as { router: { stack: RouteLayer[] } }).router.stack;
  const methods = new Set<string>();
  for (const layer of layers) {
    if (!layer.route || isCatchAll(layer.route.methods) || !layer.match(req.path)) continue;
    for (const [method, handles] of Object.entries(layer.route.methods)) if (handles && method !== '_all') methods.add(method.toUpperCase());
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

/** Nest answers every method on the paths outside the global prefix (/health, /ready) with its 404 handler: not a route. */
function isCatchAll(methods: Record<string, boolean>): boolean {
  return methods._all === true || METHODS.every((method) => methods[method.toLowerCase()]);
}
