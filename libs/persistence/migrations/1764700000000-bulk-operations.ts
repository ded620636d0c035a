import type { MigrationInterface, QueryRunner } from 'typeorm';

// A bulk operation over a cycle's reviews (a calendar move, a cancel) runs after its request
// answered; this row is its progress, read by GET /operations/:id, and its checkpoint: `cursor`
// is the last workflow id handled, so a retried sweep resumes after it.
export class BulkOperations1764700000000 implements MigrationInterface {
  name = 'BulkOperations1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE operations (
      id text PRIMARY KEY,
      kind text NOT NULL,
      cycle_id text NOT NULL REFERENCES cycles(id),
      actor_id text NOT NULL,
      status text NOT NULL DEFAULT 'running',
      total integer NOT NULL,
      done integer NOT NULL DEFAULT 0,
      failed integer NOT NULL DEFAULT 0,
      cursor text NOT NULL DEFAULT '',
      started_at timestamptz NOT NULL,
      finished_at timestamptz,
      error text
    )`);
    await q.query(`CREATE INDEX operations_cycle_idx ON operations (cycle_id, started_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE operations`);
  }
}
