import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AccessTokens } from '../../libs/auth/access-tokens.js';
import { CsrfTokens } from '../../libs/auth/csrf-tokens.js';
import type { ResolvedConfig } from '../../libs/config/app-config.js';
import { PrincipalLoader } from './auth/principal-loader.js';
import { AuditRecorder } from './http/audit-recorder.js';
import { CONFIG, LOGGER } from './http/tokens.js';

export interface ApiDeps {
  config: ResolvedConfig;
  db: DataSource;
  temporal: Client;
  logger: Logger;
}

/** The connections and cross-cutting services every feature module uses. */
@Global()
@Module({})
export class CoreModule {
  static with(deps: ApiDeps): DynamicModule {
    const providers = [
      { provide: CONFIG, useValue: deps.config },
      { provide: LOGGER, useValue: deps.logger },
      { provide: DataSource, useValue: deps.db },
      { provide: Client, useValue: deps.temporal },
      { provide: AccessTokens, useValue: new AccessTokens(deps.config.auth.jwtSecret, deps.config.auth.tokenTtlSeconds) },
      { provide: CsrfTokens, useValue: new CsrfTokens(deps.config.auth.jwtSecret) },
      AuditRecorder,
      PrincipalLoader,
    ];
    return { module: CoreModule, providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
  }
}
