import type { MigrationInterface, QueryRunner } from 'typeorm';

// A replayed request is audited like the original: what it concerned (cycle, unit, target) is
// kept with the stored response, since the handler that worked it out does not run again.
export class IdempotencyAuditContext1764100000000 implements MigrationInterface {
  name = 'IdempotencyAuditContext1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_records ADD COLUMN audit_context jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_records DROP COLUMN audit_context`);
  }
}
