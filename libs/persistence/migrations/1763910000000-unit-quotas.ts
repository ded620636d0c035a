import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A unit's raised excellent quota for one cycle (reg 366: the level above may raise it to 25%). */
export class UnitQuotas1763910000000 implements MigrationInterface {
  name = 'UnitQuotas1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unit_quotas (
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        excellent_percent int NOT NULL,
        reason text NOT NULL,
        set_by text NOT NULL,
        set_at timestamptz NOT NULL,
        PRIMARY KEY (cycle_id, unit_id)
      );
      CREATE INDEX reviews_deciding_idx ON reviews (cycle_id, deciding_unit_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reviews_deciding_idx; DROP TABLE unit_quotas;`);
  }
}
