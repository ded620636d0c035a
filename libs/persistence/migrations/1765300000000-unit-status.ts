import type { MigrationInterface, QueryRunner } from 'typeorm';

// Units merged or dissolved (issue #12): a unit stays stored, with its reviews' history, but leaves
// the tree. Existing units are active; a merged one names the unit that received it.
export class UnitStatus1765300000000 implements MigrationInterface {
  name = 'UnitStatus1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE units
        ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'dissolved')),
        ADD COLUMN merged_into text NULL REFERENCES units (id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE units DROP COLUMN merged_into, DROP COLUMN status;`);
  }
}
