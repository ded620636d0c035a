import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { NoticeSender, OutgoingNotice } from './notice-sender.js';
import { UndeliverableNotice } from './undeliverable-notice.error.js';

const DEFAULT_MAX_ATTEMPTS = 10;

type Outcome = 'sent' | 'retry' | 'abandoned' | 'undeliverable';

/**
 * Delivers the outbox one row at a time, each in a transaction of its own: the row is locked
 * (FOR UPDATE SKIP LOCKED) while it is being sent and marked before the lock is released. The
 * claim is the lock, so it cannot expire while the dispatcher holding it is alive however slow
 * the mail server is (no second dispatcher sends the same notice), and it goes away by itself
 * when that dispatcher's connection dies (the notice is tried again, at least once in all).
 * A failure is retried with a growing delay; after `maxAttempts` the notice is `abandoned` with
 * its last error (logged at error level). A notice to nobody reachable is `undeliverable` at once.
 */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private readonly maxAttempts: number;

  constructor(
    private readonly db: DataSource,
    private readonly sender: NoticeSender,
    private readonly logger: Logger,
    private readonly pollMs: number,
    options: { maxAttempts?: number } = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  }

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
      const outcome = await this.deliverNext();
      if (outcome === null) return sent;
      if (outcome === 'sent') sent++;
    }
  }

  /** Locks one due notice, sends it and records the outcome in the same transaction; null when none is due. */
  private deliverNext(): Promise<Outcome | null> {
    return this.db.transaction(async (tx) => {
      const notice = await this.lockNextDue(tx);
      if (!notice) return null;
      try {
        await this.sender.send(notice);
        await tx.query(`UPDATE outbox SET status = 'sent', sent_at = now(), finished_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`, [notice.id]);
        return 'sent';
      } catch (error) {
        return this.recordFailure(tx, notice, error);
      }
    });
  }

  private async lockNextDue(tx: EntityManager): Promise<(OutgoingNotice & { attempts: number }) | undefined> {
    const [row]: Array<{ id: string; kind: string; recipient_id: string; recipient_email: string | null; subject: string; body: string; attempts: number }> = await tx.query(
      `SELECT id, kind, recipient_id, recipient_email, subject, body, attempts FROM outbox
        WHERE status = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    if (!row) return undefined;
    return { id: String(row.id), kind: row.kind, recipientId: row.recipient_id, recipientEmail: row.recipient_email, subject: row.subject, body: row.body, attempts: row.attempts };
  }

  private async recordFailure(tx: EntityManager, notice: OutgoingNotice & { attempts: number }, error: unknown): Promise<Outcome> {
    const message = error instanceof Error ? error.message : String(error);
    const attempts = notice.attempts + 1;
    const context = { noticeId: notice.id, kind: notice.kind, recipientId: notice.recipientId, attempts, error: message };
    if (error instanceof UndeliverableNotice) {
      await tx.query(`UPDATE outbox SET status = 'undeliverable', finished_at = now(), attempts = $2, last_error = $3 WHERE id = $1`, [notice.id, attempts, message]);
      this.logger.warn(context, 'Notice undeliverable; not retried');
      return 'undeliverable';
    }
    if (attempts >= this.maxAttempts) {
      await tx.query(`UPDATE outbox SET status = 'abandoned', finished_at = now(), attempts = $2, last_error = $3 WHERE id = $1`, [notice.id, attempts, message]);
      this.logger.error(context, 'Notice abandoned after its last attempt');
      return 'abandoned';
    }
    await tx.query(
      `UPDATE outbox SET attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => 30 * power(2, least($2 - 1, 10))) WHERE id = $1`,
      [notice.id, attempts, message],
    );
    this.logger.warn(context, 'Notice not delivered; will retry');
    return 'retry';
  }
}
