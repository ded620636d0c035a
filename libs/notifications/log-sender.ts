import type { Logger } from 'pino';
import type { NoticeSender, OutgoingNotice } from './notice-sender.js';

/** The default sender: writes each notice to the log (no mail server needed to run the product). */
export class LogSender implements NoticeSender {
  readonly name = 'log';
  constructor(private readonly logger: Logger) {}

  async send(notice: OutgoingNotice): Promise<void> {
    this.logger.info({ noticeId: notice.id, kind: notice.kind, recipientId: notice.recipientId, subject: notice.subject }, 'Notice');
  }
}
