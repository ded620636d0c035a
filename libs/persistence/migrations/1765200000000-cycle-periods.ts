import type { MigrationInterface, QueryRunner } from 'typeorm';

// Quarterly, term and ad hoc reviews (issue #12): a cycle has a period within its year, and the one
// cycle per (year, root unit) becomes one per (year, root unit, period). Existing cycles are year
// cycles: the column defaults say so for them and for any writer that does not name a period.
export class CyclePeriods1765200000000 implements MigrationInterface {
  name = 'CyclePeriods1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cycles
        ADD COLUMN period jsonb NOT NULL DEFAULT '{"kind":"year"}',
        ADD COLUMN period_key text NOT NULL DEFAULT 'year';
      ALTER TABLE cycles DROP CONSTRAINT cycles_year_root_unique;
      ALTER TABLE cycles ADD CONSTRAINT cycles_period_root_unique UNIQUE (year, root_unit_id, period_key);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // Only possible while every (year, root unit) has one cycle: the old constraint fails otherwise.
    await q.query(`
      ALTER TABLE cycles DROP CONSTRAINT cycles_period_root_unique;
      ALTER TABLE cycles ADD CONSTRAINT cycles_year_root_unique UNIQUE (year, root_unit_id);
      ALTER TABLE cycles DROP COLUMN period_key, DROP COLUMN period;
    `);
  }
}
