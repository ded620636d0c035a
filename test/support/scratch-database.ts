import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../libs/persistence/migrations/index.js';
import { testConfig } from './test-env.js';

/**
 * An empty database of its own on the test PostgreSQL server, created before the suite's tests
 * and dropped after them: for migration tests, which need a schema nobody else has touched.
 * Call inside `describe`; returns its URL.
 */
export function scratchDatabase(label: string): string {
  const database = `${label}_${randomBytes(4).toString('hex')}`;
  const serverUrl = new URL(testConfig().database.url);
  let admin: pg.Client;
  before(async () => {
    admin = new pg.Client({ connectionString: serverUrl.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
  });
  after(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });
  return Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
}

/** A connection to the database with every migration before `migration` run: the schema a release before it left. */
export async function schemaBefore(databaseUrl: string, migration: (typeof MIGRATIONS)[number]): Promise<DataSource> {
  const db = new DataSource({ type: 'postgres', url: databaseUrl, migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration)), migrationsTableName: 'schema_migrations' });
  await db.initialize();
  await db.runMigrations({ transaction: 'each' });
  return db;
}
