import type { MigrationInterface, QueryRunner } from 'typeorm';

// The calendar as durable timers: a task can open later than it is created (self-assessment
// opens on a date), and reminders/escalations go through an outbox a dispatcher delivers.
export class CalendarNotices1763900000000 implements MigrationInterface {
  name = 'CalendarNotices1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tasks ADD COLUMN opens_at timestamptz;
      CREATE INDEX tasks_cycle_due_idx ON tasks (cycle_id, due_at) WHERE status = 'open';

      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        dedupe_key text NOT NULL UNIQUE,
        kind text NOT NULL,
        cycle_id text,
        review_id text,
        task_id text,
        recipient_id text NOT NULL,
        recipient_email text,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        last_error text
      );
      CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at, id) WHERE sent_at IS NULL;
      CREATE INDEX outbox_recipient_idx ON outbox (recipient_id, created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox; DROP INDEX tasks_cycle_due_idx; ALTER TABLE tasks DROP COLUMN opens_at;`);
  }
}
