import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../libs/auth/password-hash.js';
import { createLogger, type Logger } from '../../libs/logging/logger.js';
import { createDataSource } from '../../libs/persistence/data-source.js';
import { testConfig, uniquePrefix } from '../support/test-env.js';

/** Every line the logger writes, and whatever reaches the process's stdout/stderr meanwhile (TypeORM's console logger would). */
class LogCapture {
  readonly lines: string[] = [];
  readonly stream = { write: (line: string) => void this.lines.push(line) };
  private restore: Array<() => void> = [];

  async during<T>(run: () => Promise<T>): Promise<T> {
    for (const out of [process.stdout, process.stderr]) {
      const write = out.write.bind(out);
      out.write = ((chunk: string | Uint8Array) => (this.lines.push(String(chunk)), true)) as typeof out.write;
      this.restore.push(() => (out.write = write));
    }
    try {
      return await run();
    } finally {
      for (const undo of this.restore.splice(0)) undo();
    }
  }

  get text(): string {
    return this.lines.join('');
  }
}

describe('no secret in any log line', () => {
  const capture = new LogCapture();
  let logger: Logger;
  let db: DataSource;

  before(async () => {
    logger = createLogger('info', { process: 'test' }, capture.stream);
    db = createDataSource({ url: testConfig().database.url, poolSize: 2, logger });
    await db.initialize();
  });
  after(() => db?.destroy());

  it('logs a failed query that carried a password hash without the hash, in the database logger and the error log', async () => {
    const password = `secret-${uniquePrefix('pw')}`;
    const hash = await hashPassword(password, 4);
    const id = uniquePrefix('log-redaction');
    // username NOT NULL: the insert fails, as an import's account upsert would, with the hash among its parameters.
    const error = await capture.during(() => db.query('INSERT INTO accounts (id, username, password_hash) VALUES ($1, NULL, $2)', [id, hash]).then(() => null, (e: unknown) => e));
    assert.ok(error instanceof Error, 'the query must fail');
    // What the ProblemFilter does with a 5xx: the error object, whole, into the log.
    logger.error({ err: error, requestId: id }, 'Unhandled error');

    assert.match(capture.text, /Query failed/);
    assert.match(capture.text, /Unhandled error/);
    assert.ok(capture.text.includes(id), 'the log still names the request');
    assert.ok(!capture.text.includes(hash), `a password hash was logged:\n${capture.text}`);
    assert.ok(!capture.text.includes(hash.slice(-20)), 'part of the hash was logged');
  });

  it('redacts authorization headers, cookies, passwords and tokens wherever the code logs them', () => {
    const secrets = { bearer: 'Bearer eyJ.secret-jwt.sig', cookie: 'rc_session=secret-session', password: 'secret-password-1', token: 'secret-token-2' };
    logger.info({ req: { headers: { authorization: secrets.bearer, cookie: secrets.cookie } } }, 'request');
    logger.info({ headers: { authorization: secrets.bearer, cookie: secrets.cookie } }, 'headers');
    logger.info({ body: { password: secrets.password, accessToken: secrets.token } }, 'body');
    logger.info({ password: secrets.password, csrfToken: secrets.token }, 'flat');
    for (const secret of Object.values(secrets)) assert.ok(!capture.text.includes(secret), `logged: ${secret}`);
    assert.match(capture.text, /\[redacted\]/);
  });
});
