import type { MigrationInterface, QueryRunner } from 'typeorm';

// A quota raise records the decision that grants it (its number and date), beside the free-text
// reason. Both optional: raises recorded before this have none.
export class QuotaDecision1764850000000 implements MigrationInterface {
  name = 'QuotaDecision1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE unit_quotas ADD COLUMN decision_number text, ADD COLUMN decision_date date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE unit_quotas DROP COLUMN decision_number, DROP COLUMN decision_date`);
  }
}
