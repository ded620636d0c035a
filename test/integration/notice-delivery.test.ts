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

// Notices leave the outbox by mail when SMTP is configured: delivered once, and a notice that
// cannot be delivered stays in the outbox with its error for a later attempt. On a database of its
// own, so this dispatcher never takes the notices of the tests running beside it.

interface Mail {
  from: string;
  to: string[];
  data: string;
}

/** The smallest SMTP server nodemailer will talk to: enough to see what was sent. */
function startSmtpServer(): Promise<{ server: Server; port: number; mails: Mail[] }> {
  const mails: Mail[] = [];
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
            socket.write('250 queued\r\n');
          } else mail.data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 test\r\n');
        else if (verb === 'MAIL') (mail.from = line), socket.write('250 ok\r\n');
        else if (verb === 'RCPT') mail.to.push(line), socket.write('250 ok\r\n');
        else if (verb === 'DATA') (inData = true), socket.write('354 go on\r\n');
        else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port, mails })));
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
      `INSERT INTO people (id, name, unit_id, position, email) VALUES ('with-mail', 'Head', 'U', 'secretary', 'head@example.org'), ('no-mail', 'Member', 'U', 'member', NULL)`,
    );
    smtp = await startSmtpServer();
  });
  after(async () => {
    await db?.destroy();
    await admin?.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin?.end();
    smtp?.server.close();
  });

  it('mails a notice to the recipient’s address once, and keeps an undeliverable one with its error', async () => {
    const sendNotice = makeSendNotice(db);
    const notice = { kind: 'overdue' as const, cycleId: 'cycle', reviewId: 'review', taskKind: 'review', subjectName: 'Someone', dueAt: '2026-12-31T23:59:59.000Z' };
    await sendNotice({ ...notice, taskId: 'task-1', assigneeId: 'with-mail' });
    await sendNotice({ ...notice, taskId: 'task-1', assigneeId: 'with-mail' }); // the activity retried: one row
    await sendNotice({ ...notice, taskId: 'task-2', assigneeId: 'no-mail' });

    const dispatcher = new OutboxDispatcher(db, new SmtpSender(`smtp://127.0.0.1:${smtp.port}`, 'cycles@example.org'), createLogger('silent', {}), 1000);
    const rows = async () =>
      (await db.query(`SELECT task_id, sent_at, attempts, last_error FROM outbox ORDER BY task_id`)) as Array<{
        task_id: string;
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
    assert.equal(undeliverable!.sent_at, null);
    assert.match(undeliverable!.last_error ?? '', /has no email address/);

    await dispatcher.drain(); // not due again yet: nothing is sent twice
    assert.equal(smtp.mails.filter((m) => m.to.some((t) => t.includes('head@example.org'))).length, 1);
    assert.equal((await rows())[1]!.attempts, 1, 'the failed one waits for its next attempt');
  });
});
