import pg from 'pg';

/** A plain PostgreSQL connection to the test database, for tests that must reach under the API. */
export async function sqlClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** A trigger that makes every INSERT into audit_log matching `when` fail, until the returned function drops it. */
export async function refuseAuditInserts(sql: pg.Client, name: string, when: string): Promise<() => Promise<void>> {
  const id = `test_refuse_${name.replace(/[^a-z0-9]/gi, '_')}`;
  await sql.query(`CREATE FUNCTION ${id}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit write refused by a test'; END $$`);
  await sql.query(`CREATE TRIGGER ${id} BEFORE INSERT ON audit_log FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION ${id}()`);
  return async () => {
    await sql.query(`DROP TRIGGER IF EXISTS ${id} ON audit_log`);
    await sql.query(`DROP FUNCTION IF EXISTS ${id}()`);
  };
}
