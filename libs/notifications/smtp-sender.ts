import nodemailer, { type Transporter } from 'nodemailer';
import type { NoticeSender, OutgoingNotice } from './notice-sender.js';
import { UndeliverableNotice } from './undeliverable-notice.error.js';

/** Sends notices by mail when SMTP_URL is configured. A notice to someone without an address is undeliverable: never retried. */
export class SmtpSender implements NoticeSender {
  readonly name = 'smtp';
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(notice: OutgoingNotice): Promise<void> {
    if (!notice.recipientEmail) throw new UndeliverableNotice(`${notice.recipientId} has no email address`);
    await this.transport.sendMail({ from: this.from, to: notice.recipientEmail, subject: notice.subject, text: notice.body });
  }
}
