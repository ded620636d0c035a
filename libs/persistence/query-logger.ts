import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from '../logging/logger.js';

/**
 * TypeORM's logs into the app's logger. A failed or slow query is logged with its text and the
 * shape of its parameters (`string(60)`), never their values: an import's parameters hold
 * password hashes, a sign-in's a username, a session's tokens.
 */
export class QueryLogger implements TypeOrmLogger {
  constructor(private readonly logger: Logger) {}

  logQuery(): void {
    // Successful queries are not logged.
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[] | object): void {
    const message = typeof error === 'string' ? error : error.message;
    const code = typeof error === 'string' ? undefined : (error as { code?: string }).code;
    this.logger.warn({ query, parameterShapes: shapeOf(parameters), error: message, code }, 'Query failed');
  }

  logQuerySlow(time: number, query: string, parameters?: unknown[] | object): void {
    this.logger.warn({ query, parameterShapes: shapeOf(parameters), ms: time }, 'Slow query');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ message }, 'TypeORM');
    else this.logger.debug({ message }, 'TypeORM');
  }
}

/** What each parameter is, without what it holds. */
export function shapeOf(parameters: unknown[] | object | undefined): string[] | undefined {
  if (parameters === undefined) return undefined;
  const list = Array.isArray(parameters) ? parameters : Object.values(parameters);
  return list.map((p) => {
    if (p === null || p === undefined) return String(p);
    if (typeof p === 'string') return `string(${p.length})`;
    if (Array.isArray(p)) return `array(${p.length})`;
    if (Buffer.isBuffer(p)) return `bytes(${p.length})`;
    return typeof p;
  });
}
