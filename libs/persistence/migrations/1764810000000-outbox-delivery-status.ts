import type { MigrationInterface, QueryRunner } from 'typeorm';

// Every outbox row ends in a state an admin can query: `pending` (to be tried, or waiting for a
// retry), `sent`, `abandoned` (given up after the dispatcher's last attempt; `last_error` says
// why) or `undeliverable` (the recipient has no address, so it is never tried). `finished_at`
// is when it left `pending`.
export class OutboxDeliveryStatus1764810000000 implements MigrationInterface {
  name = 'OutboxDeliveryStatus1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox
        ADD COLUMN status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'abandoned', 'undeliverable')),
        ADD COLUMN finished_at timestamptz;
      UPDATE outbox SET status = 'sent', finished_at = sent_at WHERE sent_at IS NOT NULL;
      UPDATE outbox SET status = 'abandoned', finished_at = now() WHERE sent_at IS NULL AND attempts >= 10;
      DROP INDEX outbox_pending_idx;
      CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at, id) WHERE status = 'pending';
      CREATE INDEX outbox_failed_idx ON outbox (status, finished_at) WHERE status IN ('abandoned', 'undeliverable');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX outbox_failed_idx;
      DROP INDEX outbox_pending_idx;
      CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at, id) WHERE sent_at IS NULL;
      ALTER TABLE outbox DROP COLUMN finished_at, DROP COLUMN status;
    `);
  }
}
