import type { MigrationInterface, QueryRunner } from 'typeorm';

// A person struck off the registry stays on record (their reviews' histories name them) but is
// no longer a member: head and reviewer resolution read active people only.
export class PersonStatus1764000000000 implements MigrationInterface {
  name = 'PersonStatus1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE people ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'struck_off'));
      CREATE INDEX people_struck_off_idx ON people (id) WHERE status = 'struck_off';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX people_struck_off_idx; ALTER TABLE people DROP COLUMN status;`);
  }
}
