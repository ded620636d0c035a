import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource, type QueryRunner } from 'typeorm';

/** The advisory-lock class of API processes' liveness locks (two-key form: no clash with one-key locks). */
export const LIVENESS_LOCK_CLASS = 0x52435051;
const RECHECK_MS = 5_000;

/**
 * This API process's proof of life: an advisory lock held on a connection of its own for as long
 * as the process runs. PostgreSQL drops it the moment the process dies (kill -9 included), so
 * another process can tell at once that a pending request has no one working on it.
 */
@Injectable()
export class ProcessLiveness implements OnModuleInit, OnApplicationShutdown {
  readonly lockKey = randomInt(1, 2 ** 31 - 1);
  private runner: QueryRunner | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.hold();
    // After a PostgreSQL restart the connection is gone and the lock with it: take it again.
    this.timer = setInterval(() => void this.recheck(), RECHECK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.runner?.release().catch(() => undefined); // closing the session frees the lock
    this.runner = null;
  }

  private async hold(): Promise<void> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1, $2)', [LIVENESS_LOCK_CLASS, this.lockKey]);
    this.runner = runner;
  }

  private async recheck(): Promise<void> {
    try {
      if (this.runner) {
        await this.runner.query('SELECT 1');
        return;
      }
    } catch {
      await this.runner?.release().catch(() => undefined);
      this.runner = null;
    }
    await this.hold().catch(() => undefined); // PostgreSQL still away: the next recheck tries again
  }
}
