import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import pg from 'pg';
import { MIGRATIONS } from '../../libs/persistence/migrations/index.js';
import { scratchDatabase } from '../support/scratch-database.js';

const run = promisify(execFile);
const MIGRATE_MAIN = fileURLToPath(new URL('../../libs/persistence/migrate.main.js', import.meta.url));

/** Runs `npm run migrate`'s script the way the compose `migrate` service does: a process with DATABASE_URL. */
function migrateCommand(databaseUrl: string) {
  return run(process.execPath, [MIGRATE_MAIN], { env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' }, timeout: 60_000 });
}

describe('the migrate command', () => {
  const databaseUrl = scratchDatabase('migrate');

  it('creates the schema in an empty database, records every migration and exits 0; a second run changes nothing', async () => {
    const first = await migrateCommand(databaseUrl);
    assert.match(first.stdout, /Database schema is up to date/);

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const applied = await db.query('SELECT name FROM schema_migrations ORDER BY id');
      assert.equal(applied.rowCount, MIGRATIONS.length);
      const tables = await db.query(`SELECT to_regclass('public.reviews') AS reviews, to_regclass('public.units') AS units`);
      assert.deepEqual(tables.rows[0], { reviews: 'reviews', units: 'units' });

      await migrateCommand(databaseUrl);
      assert.equal((await db.query('SELECT name FROM schema_migrations')).rowCount, MIGRATIONS.length);
    } finally {
      await db.end();
    }
  });

  it('fails with a non-zero exit and says what is missing when DATABASE_URL is not set', async () => {
    await assert.rejects(
      run(process.execPath, [MIGRATE_MAIN], { env: { PATH: process.env.PATH }, timeout: 60_000 }),
      (error: { code: number; stderr: string }) => error.code !== 0 && /DATABASE_URL/.test(error.stderr),
    );
  });
});
