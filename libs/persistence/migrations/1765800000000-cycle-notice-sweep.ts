import type { MigrationInterface, QueryRunner } from 'typeorm';

// Notices by one sweep per cycle (issue #11 goal 4): a cycle created from now on (`notice_sweep`
// true, set by POST /cycles) has its reviews' reminders, overdue notices and escalations written
// by its cycle workflow's sweep, not by a timer in every review. Existing cycles stay false: their
// reviews keep their own timers. A swept notice is recorded in `review_notices` (one row per task,
// kind and due date, as the outbox's dedupe key) and shown in the review's history from there
// (with the assignee and the review's step then, which the per-review path's event data carries).
export class CycleNoticeSweep1765800000000 implements MigrationInterface {
  name = 'CycleNoticeSweep1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cycles ADD COLUMN notice_sweep boolean NOT NULL DEFAULT false;`);
    await q.query(`
      CREATE TABLE review_notices (
        review_id text NOT NULL,
        task_id text NOT NULL,
        kind text NOT NULL,
        due_at text NOT NULL,
        at timestamptz NOT NULL,
        recipient_id text NOT NULL,
        assignee_id text NOT NULL,
        step text NOT NULL,
        PRIMARY KEY (task_id, kind, due_at)
      );`);
    await q.query(`CREATE INDEX review_notices_review_idx ON review_notices (review_id);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE review_notices;`);
    await q.query(`ALTER TABLE cycles DROP COLUMN notice_sweep;`);
  }
}
