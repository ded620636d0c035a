import type { MigrationInterface, QueryRunner } from 'typeorm';

// A pending idempotent request names its API process by the advisory lock that process holds
// while it lives, so a retry can tell at once whether anyone is still working on it.
export class RequestOwnerLock1764200000000 implements MigrationInterface {
  name = 'RequestOwnerLock1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_records ADD COLUMN owner_lock integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_records DROP COLUMN owner_lock`);
  }
}
