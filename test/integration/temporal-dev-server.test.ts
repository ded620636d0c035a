import assert from 'node:assert/strict';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findOrInstallTemporal } from '../../apps/dev/temporal-binary.js';
import { startTemporalDevServer } from '../../apps/dev/temporal-dev-server.js';
import { testConfig } from '../support/test-env.js';

/** Bytes 18 and 19 of an SQLite file header: 2 once the database is in WAL mode, 1 in rollback-journal mode. */
async function sqliteJournalFormat(file: string): Promise<[number, number]> {
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(20);
    await handle.read(header, 0, 20, 0);
    return [header[18], header[19]];
  } finally {
    await handle.close();
  }
}

describe('the Temporal dev server on a SQLite file', () => {
  let scratch: string;
  let binary: string;

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'dev-server-test-'));
    binary = await findOrInstallTemporal({ toolsDir: resolve(testConfig().embedded.toolsDir), log: () => undefined });
  });

  after(() => rm(scratch, { recursive: true, force: true }));

  async function journalFormatAfterStart(name: string, sqlitePragmas?: Record<string, string>): Promise<[number, number]> {
    const dbFile = join(scratch, name, 'temporal.db');
    const server = await startTemporalDevServer({ binary, dbFile, sqlitePragmas, port: 0, uiPort: null, namespace: 'default', searchAttributes: {}, log: () => undefined });
    await server.stop();
    return sqliteJournalFormat(dbFile);
  }

  it('keeps its data in WAL mode by default', async () => {
    assert.deepEqual(await journalFormatAfterStart('dev-pragmas'), [2, 2]);
  });

  it('stays in SQLite’s rollback-journal mode when given no pragmas', async () => {
    assert.deepEqual(await journalFormatAfterStart('no-pragmas', {}), [1, 1]);
  });
});
