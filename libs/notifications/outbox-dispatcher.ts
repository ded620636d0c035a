import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { NoticeSender, OutgoingNotice } from './notice-sender.js';

const BATCH = 50;
const MAX_ATTEMPTS = 10;

/**
 * Delivers the outbox: claims due rows (SKIP LOCKED, so several workers share the work), sends
 * each, marks it sent or schedules a retry with a growing delay. A notice is written once by an
 * activity and delivered at least once from here.
 */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: DataSource,
    private readonly sender: NoticeSender,
    private readonly logger: Logger,
    private readonly pollMs: number,
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.drain()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'Outbox delivery failed; retrying'))
        .finally(() => {
          if (this.timer !== null) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Sends every notice due now; returns how many were sent. */
  async drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await this.claim();
      if (batch.length === 0) return sent;
      for (const notice of batch) {
        try {
          await this.sender.send(notice);
          await this.db.query('UPDATE outbox SET sent_at = now(), last_error = NULL WHERE id = $1', [notice.id]);
          sent++;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await this.db.query('UPDATE outbox SET last_error = $2 WHERE id = $1', [notice.id, message]);
          this.logger.warn({ noticeId: notice.id, recipientId: notice.recipientId, error: message }, 'Notice not delivered');
        }
      }
    }
  }

  /** Takes due rows and pushes their next attempt back, so a crash mid-send retries later rather than at once. */
  private async claim(): Promise<OutgoingNotice[]> {
    const rows: Array<{ id: string; kind: string; recipient_id: string; recipient_email: string | null; subject: string; body: string }> = await this.db.query(
      // As a CTE so the driver hands back the rows (TypeORM answers a bare UPDATE with a count).
      `WITH claimed AS (
         UPDATE outbox SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => 30 * power(2, least(attempts, 10)))
          WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND attempts < $1 AND next_attempt_at <= now()
                        ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
          RETURNING id, kind, recipient_id, recipient_email, subject, body)
       SELECT * FROM claimed ORDER BY id`,
      [MAX_ATTEMPTS, BATCH],
    );
    return rows.map((r) => ({ id: String(r.id), kind: r.kind, recipientId: r.recipient_id, recipientEmail: r.recipient_email, subject: r.subject, body: r.body }));
  }
}
