import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { makeSendNotice } from '../../libs/activities/send-notice.activity.js';
import { createLogger } from '../../libs/logging/logger.js';
import { OutboxDispatcher } from '../../libs/notifications/outbox-dispatcher.js';
import { SmtpSender } from '../../libs/notifications/smtp-sender.js';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../libs/persistence/data-source.js';
import { testConfig } from '../support/test-env.js';

// Notices leave the outbox by mail when SMTP is configured: delivered once, again after the due
// date they were about moved, never twice however slow the mail server; a notice nobody can
// receive is `undeliverable` at once and one the server keeps refusing is `abandoned` after the
// last attempt. On a database of its own, so this dispatcher never takes the notices of the tests
// running beside it.

interface Mail {
  from: string;
  to: string[];
  data: string;
}

/**
 * The smallest SMTP server nodemailer will talk to: enough to see what was sent. A recipient
 * containing `refused` is rejected (550); while `hold` is set, the end of a message is answered
 * only once it resolves (a slow mail server).
 */
function startSmtpServer(): Promise<{ server: Server; port: number; mails: Mail[]; hold: { until: Promise<void> | null } }> {
  const mails: Mail[] = [];
  const hold: { until: Promise<void> | null } = { until: null };
  const server = createServer((socket: Socket) => {
    let mail: Mail = { from: '', to: [], data: '' };
    let inData = false;
    let buffer = '';
    socket.write('220 test SMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            mails.push(mail);
            mail = { from: '', to: [], data: '' };
            void (hold.until ?? Promise.resolve()).then(() => socket.write('250 queued\r\n'));
          } else mail.data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 test\r\n');
        else if (verb === 'MAIL') (mail.from = line), socket.write('250 ok\r\n');
        else if (verb === 'RCPT' && line.includes('refused')) socket.write('550 no such mailbox\r\n');
        else if (verb === 'RCPT') mail.to.push(line), socket.write('250 ok\r\n');
        else if (verb === 'DATA') (inData = true), socket.write('354 go on\r\n');
        else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port, mails, hold })));
}

/** A log destination the test can read. */
function logLines(): { stream: { write(line: string): void }; lines: Array<Record<string, any>> } {
  const lines: Array<Record<string, any>> = [];
  return { lines, stream: { write: (line: string) => void lines.push(JSON.parse(line)) } };
}

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('delivering notices by SMTP', () => {
  const database = `notices_${randomBytes(4).toString('hex')}`;
  const serverUrl = new URL(testConfig().database.url);
  let admin: pg.Client;
  let db: DataSource;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  before(async () => {
    admin = new pg.Client({ connectionString: serverUrl.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    db = await openDatabase({ url: Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString(), poolSize: 2 });
    await db.query(`INSERT INTO units (id, parent_id, name, kind, ancestor_ids) VALUES ('U', NULL, 'Unit U', 'grassroots', '{}')`);
    await db.query(
      `INSERT INTO people (id, name, unit_id, position, email) VALUES ('with-mail', 'Head', 'U', 'secretary', 'head@example.org'), ('no-mail', 'Member', 'U', 'member', NULL), ('refused-mail', 'Refused', 'U', 'member', 'refused@example.org')`,
    );
    smtp = await startSmtpServer();
  });
  after(async () => {
    await db?.destroy();
    await admin?.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin?.end();
    smtp?.server.close();
  });

  it('mails a notice to the recipient’s address once, and marks one to a person without an address undeliverable at once', async () => {
    const sendNotice = makeSendNotice(db);
    const notice = { kind: 'overdue' as const, cycleId: 'cycle', reviewId: 'review', taskKind: 'review', subjectName: 'Someone', dueAt: '2026-12-31T23:59:59.000Z' };
    await sendNotice({ ...notice, taskId: 'task-1', assigneeId: 'with-mail' });
    await sendNotice({ ...notice, taskId: 'task-1', assigneeId: 'with-mail' }); // the activity retried: one row
    await sendNotice({ ...notice, taskId: 'task-2', assigneeId: 'no-mail' });

    const logs = logLines();
    const dispatcher = new OutboxDispatcher(db, smtpSender(), createLogger('info', {}, logs.stream), 1000);
    const rows = async () =>
      (await db.query(`SELECT task_id, status, sent_at, attempts, last_error FROM outbox WHERE task_id IN ('task-1', 'task-2') ORDER BY task_id`)) as Array<{
        task_id: string;
        status: string;
        sent_at: Date | null;
        attempts: number;
        last_error: string | null;
      }>;
    assert.equal((await rows()).length, 2);
    await dispatcher.drain();

    const [delivered, undeliverable] = await rows();
    assert.ok(delivered!.sent_at, 'the notice with an address was sent');
    assert.equal(delivered!.attempts, 1);
    const mine = smtp.mails.filter((m) => m.to.some((t) => t.includes('head@example.org')));
    assert.equal(mine.length, 1, 'one mail for one notice');
    assert.match(mine[0]!.data, /Subject: Overdue: review the self-assessment for Someone/);
    assert.equal(delivered!.status, 'sent');
    assert.equal(undeliverable!.sent_at, null);
    assert.equal(undeliverable!.status, 'undeliverable');
    assert.match(undeliverable!.last_error ?? '', /has no email address/);

    await db.query(`UPDATE outbox SET next_attempt_at = now() - interval '1 hour' WHERE task_id IN ('task-1', 'task-2')`); // an hour later
    await dispatcher.drain();
    assert.equal(smtp.mails.filter((m) => m.to.some((t) => t.includes('head@example.org'))).length, 1, 'nothing is sent twice');
    assert.equal((await rows())[1]!.attempts, 1, 'the undeliverable one is not tried again');
    assert.equal(logs.lines.filter((l) => l.noticeId !== undefined && l.recipientId === 'no-mail').length, 1, 'and logged once');
  });

  it('delivers the notice again when the due date it was about moved', async () => {
    const sendNotice = makeSendNotice(db);
    const notice = { kind: 'reminder' as const, cycleId: 'cycle', reviewId: 'review', taskId: 'task-moved', taskKind: 'review', assigneeId: 'with-mail', subjectName: 'Moved Date' };
    const dispatcher = new OutboxDispatcher(db, smtpSender(), createLogger('silent', {}), 1000);
    await sendNotice({ ...notice, dueAt: '2026-12-10T00:00:00.000Z' });
    await dispatcher.drain();
    await sendNotice({ ...notice, dueAt: '2026-12-20T00:00:00.000Z' }); // the calendar moved; the reminder is due again
    await dispatcher.drain();
    const mails = smtp.mails.filter((m) => m.data.includes('Moved Date'));
    assert.equal(mails.length, 2, 'one mail per due date');
  });

  it('sends a notice once when the mail server is slower than any claim would last', async () => {
    const sendNotice = makeSendNotice(db);
    await sendNotice({ kind: 'overdue', cycleId: 'cycle', reviewId: 'review', taskId: 'task-slow', taskKind: 'review', assigneeId: 'with-mail', subjectName: 'Slow Server', dueAt: '2026-12-31T00:00:00.000Z' });
    const sent = () => smtp.mails.filter((m) => m.data.includes('Slow Server')).length;
    let release!: () => void;
    smtp.hold.until = new Promise((resolve) => (release = resolve));
    const first = new OutboxDispatcher(db, smtpSender(), createLogger('silent', {}), 1000);
    const second = new OutboxDispatcher(db, smtpSender(), createLogger('silent', {}), 1000);
    try {
      const firstDrain = first.drain();
      await waitFor(() => sent() === 1); // the server has the mail and has not answered yet
      // Time passes beyond any claim that a clock could end: every notice not locked becomes due.
      await db.query(`UPDATE outbox SET next_attempt_at = now() - interval '1 hour' WHERE id IN (SELECT id FROM outbox WHERE task_id = 'task-slow' FOR UPDATE SKIP LOCKED)`);
      const secondDrain = second.drain();
      await new Promise((resolve) => setTimeout(resolve, 500));
      release();
      await Promise.all([firstDrain, secondDrain]);
    } finally {
      smtp.hold.until = null;
      release();
    }
    assert.equal(sent(), 1, 'the second dispatcher did not send it again');
    const [row] = await db.query(`SELECT status, attempts FROM outbox WHERE task_id = 'task-slow'`);
    assert.deepEqual({ ...row }, { status: 'sent', attempts: 1 });
  });

  it('abandons a notice the server keeps refusing after the last attempt, with its error, logged at error level', async () => {
    const sendNotice = makeSendNotice(db);
    await sendNotice({ kind: 'overdue', cycleId: 'cycle', reviewId: 'review', taskId: 'task-refused', taskKind: 'review', assigneeId: 'refused-mail', subjectName: 'Refused', dueAt: '2026-12-31T00:00:00.000Z' });
    const logs = logLines();
    const dispatcher = new OutboxDispatcher(db, smtpSender(), createLogger('info', {}, logs.stream), 1000, { maxAttempts: 3 });
    const row = async () => ((await db.query(`SELECT status, attempts, last_error, finished_at FROM outbox WHERE task_id = 'task-refused'`)) as Array<Record<string, any>>)[0]!;
    for (let attempt = 1; attempt <= 4; attempt++) {
      await dispatcher.drain();
      await db.query(`UPDATE outbox SET next_attempt_at = now() - interval '1 hour' WHERE task_id = 'task-refused'`); // the retry is due
    }
    const given = await row();
    assert.equal(given.status, 'abandoned');
    assert.equal(given.attempts, 3, 'no attempt after the last');
    assert.match(given.last_error, /550/);
    assert.ok(given.finished_at);
    const errors = logs.lines.filter((l) => l.level === 50 && l.recipientId === 'refused-mail');
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.msg, /abandoned/);
  });

  function smtpSender(): SmtpSender {
    return new SmtpSender(`smtp://127.0.0.1:${smtp.port}`, 'cycles@example.org');
  }
});
