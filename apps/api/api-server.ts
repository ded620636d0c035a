import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { AppModule } from './app.module.js';
import { AuthService } from './auth/auth.service.js';
import type { ApiDeps } from './core.module.js';
import { answerClientError } from './http/client-error.js';
import { emptyBodyMiddleware } from './http/empty-body.middleware.js';
import { methodNotAllowedMiddleware } from './http/method-not-allowed.middleware.js';
import { requestIdMiddleware } from './http/request-id.middleware.js';
import { securityHeadersMiddleware } from './http/security-headers.middleware.js';
import { NestPinoLogger } from './nest-logger.js';
import { setupOpenApi } from './openapi/openapi.js';
import { resolveWebDir, webAppMiddleware } from './web/web-app.middleware.js';

const AUTH_BODY_LIMIT = '8kb';

export interface RunningApi {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** Every route under /api/v1 but the probes. */
export function useApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'ready'] });
}

/** Builds and starts the HTTP API on the given connections; `port: 0` picks a free port. */
export async function startApi(deps: ApiDeps, listen: { host: string; port: number } = deps.config.http): Promise<RunningApi> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.with(deps), {
    bodyParser: false,
    logger: new NestPinoLogger(deps.logger.child({ component: 'nest' })),
    abortOnError: false,
  });
  app.use(requestIdMiddleware(deps.logger.child({ component: 'http' })));
  app.use(securityHeadersMiddleware());
  app.use(methodNotAllowedMiddleware());
  // Before the API's routes, but it only answers paths outside /api, /docs, /health and /ready.
  app.use(webAppMiddleware(resolveWebDir(deps.config.web.dir)));
  // Sign-in is public: its bodies are a username and a password, never megabytes.
  app.use('/api/v1/auth', express.json({ limit: AUTH_BODY_LIMIT }));
  // The spreadsheet upload's body is the file itself, with a limit of its own; JSON stays with the JSON parser.
  app.use('/api/v1/org/import/spreadsheet', express.raw({ type: (req) => !/json/i.test(req.headers['content-type'] ?? ''), limit: deps.config.http.spreadsheetBodyLimit }));
  app.useBodyParser('json', { limit: deps.config.http.bodyLimit });
  app.use(emptyBodyMiddleware());
  useApiPrefix(app);
  app.disable('x-powered-by');
  setupOpenApi(app);
  await app.get(AuthService).ensureBootstrapAdmin();
  // Requests Node refuses before the app (a 100 kB header: 431) still get a problem document.
  app.getHttpServer().on('clientError', answerClientError);
  await app.listen(listen.port, listen.host);
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://${listen.host === '0.0.0.0' ? '127.0.0.1' : listen.host}:${address.port}`;
  return { app, url, close: () => app.close() };
}
