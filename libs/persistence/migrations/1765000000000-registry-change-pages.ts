import type { MigrationInterface, QueryRunner } from 'typeorm';

// Issue #10 item 7d: a registry import's changes to a running cycle are planned into PostgreSQL
// page by page (keyed by import and cycle, so a retried plan finds them) and delivered one page
// at a time; no activity input or result carries the whole plan.
export class RegistryChangePages1765000000000 implements MigrationInterface {
  name = 'RegistryChangePages1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE registry_change_plans (
        import_id text NOT NULL,
        cycle_id text NOT NULL,
        changes integer NOT NULL,
        pages integer NOT NULL,
        planned_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (import_id, cycle_id)
      );
      CREATE TABLE registry_change_pages (
        import_id text NOT NULL,
        cycle_id text NOT NULL,
        page integer NOT NULL,
        changes jsonb NOT NULL,
        PRIMARY KEY (import_id, cycle_id, page)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE registry_change_pages; DROP TABLE registry_change_plans;`);
  }
}
