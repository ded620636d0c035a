import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { loadConfig, requireResolved } from '../../../libs/config/app-config.js';
import { useApiPrefix } from '../api-server.js';
import { AppModule } from '../app.module.js';
import { buildOpenApiDocument } from './openapi.js';

/**
 * The OpenAPI document without PostgreSQL or Temporal: Nest's preview mode reads the routes and
 * their decorators without building a provider, so the connections are never touched.
 */
export async function offlineOpenApiDocument(): Promise<OpenAPIObject> {
  const config = requireResolved(loadConfig({ DATABASE_URL: 'postgres://unused', TEMPORAL_ADDRESS: 'unused:7233', JWT_SECRET: 'unused-'.repeat(8) }));
  const deps = { config, db: {} as DataSource, temporal: {} as Client, logger: {} as Logger };
  const app = await NestFactory.create(AppModule.with(deps), { preview: true, logger: false, abortOnError: false });
  useApiPrefix(app);
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
