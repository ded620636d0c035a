import type { MigrationInterface, QueryRunner } from 'typeorm';

// Reads at province size (issue #11 goal 5, `BENCH_ONLY=reads npm run bench`):
// - the completion tree counts a cycle's reviews per owning unit and its late tasks per review's
//   owner; both now read covering indexes (index-only scans) instead of the reviews' and tasks' heaps;
// - `GET /audit?unitId=` found a subtree's entries by walking the whole trail in seq order; an index
//   on (unit_id, seq) lets it start from the subtree's units.
export class ReadIndexes1764900000000 implements MigrationInterface {
  name = 'ReadIndexes1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX reviews_cycle_owner_idx ON reviews (cycle_id, id) INCLUDE (owner_unit_id, status);
      DROP INDEX reviews_cycle_idx;
      CREATE INDEX tasks_cycle_late_idx ON tasks (cycle_id, due_at) INCLUDE (review_id, unit_id, opens_at) WHERE status = 'open';
      DROP INDEX tasks_cycle_due_idx;
      CREATE INDEX audit_unit_idx ON audit_log (unit_id, seq);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX audit_unit_idx;
      CREATE INDEX tasks_cycle_due_idx ON tasks (cycle_id, due_at) WHERE status = 'open';
      DROP INDEX tasks_cycle_late_idx;
      CREATE INDEX reviews_cycle_idx ON reviews (cycle_id, id);
      DROP INDEX reviews_cycle_owner_idx;
    `);
  }
}
