import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ResolvedConfig } from '../../../libs/config/app-config.js';
import { TooManyAttemptsError } from '../../../libs/domain/errors.js';
import { CONFIG } from '../http/tokens.js';

/** Failures older than this no longer count: a person who mistyped last week starts afresh. */
const FORGET_AFTER_SECONDS = 15 * 60;
const MAX_LOCK_SECONDS = 15 * 60;

/**
 * Locks a username after `loginMaxFailures` failed sign-ins in a row: each further failure
 * doubles the lock (up to 15 minutes). While locked the password is not even checked, so guessing
 * is slow whoever tries; a success clears the count. Per username, not per address: behind a
 * proxy every person shares one address.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly db: DataSource,
    @Inject(CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async refuseIfLocked(username: string): Promise<void> {
    const [row]: Array<{ wait: number }> = await this.db.query(
      `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS wait FROM login_failures WHERE username = lower($1) AND locked_until > now()`,
      [username],
    );
    if (row) throw new TooManyAttemptsError(Math.max(1, row.wait));
  }

  async failed(username: string): Promise<void> {
    const { loginMaxFailures, loginLockSeconds } = this.config.auth;
    await this.db.query(
      `INSERT INTO login_failures AS f (username, failures, last_failure_at, locked_until) VALUES (lower($1), 1, now(), NULL)
       ON CONFLICT (username) DO UPDATE SET
         failures = CASE WHEN f.last_failure_at < now() - make_interval(secs => $2) THEN 1 ELSE f.failures + 1 END,
         last_failure_at = now()`,
      [username, FORGET_AFTER_SECONDS],
    );
    await this.db.query(
      `UPDATE login_failures SET locked_until = now() + make_interval(secs => least($3::float8, $2::float8 * 2 ^ (failures - $4)))
        WHERE username = lower($1) AND failures >= $4`,
      [username, loginLockSeconds, MAX_LOCK_SECONDS, loginMaxFailures],
    );
  }

  async succeeded(username: string): Promise<void> {
    await this.db.query(`DELETE FROM login_failures WHERE username = lower($1)`, [username]);
  }
}
