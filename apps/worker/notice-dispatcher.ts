import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../libs/config/app-config.js';
import { LogSender } from '../../libs/notifications/log-sender.js';
import { OutboxDispatcher } from '../../libs/notifications/outbox-dispatcher.js';
import { SmtpSender } from '../../libs/notifications/smtp-sender.js';

/** The outbox dispatcher the worker runs: mail when SMTP_URL is set, the log otherwise. */
export function startNoticeDispatcher(config: AppConfig, db: DataSource, logger: Logger): OutboxDispatcher {
  const log = logger.child({ component: 'notices' });
  const sender = config.notices.smtpUrl ? new SmtpSender(config.notices.smtpUrl, config.notices.from) : new LogSender(log);
  const dispatcher = new OutboxDispatcher(db, sender, log, config.notices.pollMs);
  dispatcher.start();
  log.info({ sender: sender.name }, 'Delivering notices');
  return dispatcher;
}
