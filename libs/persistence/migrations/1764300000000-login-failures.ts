import type { MigrationInterface, QueryRunner } from 'typeorm';

// Failed sign-ins per username, so repeated guessing is locked out (a lock that doubles).
export class LoginFailures1764300000000 implements MigrationInterface {
  name = 'LoginFailures1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE login_failures (
      username text PRIMARY KEY,
      failures integer NOT NULL,
      last_failure_at timestamptz NOT NULL,
      locked_until timestamptz
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failures`);
  }
}
