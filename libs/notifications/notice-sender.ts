/** One notice as the outbox holds it. */
export interface OutgoingNotice {
  id: string;
  kind: string;
  recipientId: string;
  recipientEmail: string | null;
  subject: string;
  body: string;
}

/** Delivers notices; the outbox dispatcher retries whatever it throws on, except an UndeliverableNotice. */
export interface NoticeSender {
  readonly name: string;
  send(notice: OutgoingNotice): Promise<void>;
}
