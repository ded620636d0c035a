import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendAuditEntry } from '../../libs/persistence/audit/audit-append.js';
import { verifyAuditChain } from '../../libs/persistence/audit/audit-verify.js';
import { createDataSource, migrate } from '../../libs/persistence/data-source.js';
import { AuditChain1764500000000 } from '../../libs/persistence/migrations/1764500000000-audit-chain.js';
import { schemaBefore, scratchDatabase } from '../support/scratch-database.js';

// Entries written before the chain existed are chained by the migration, oldest first, so the
// chain covers the whole trail and new entries link to the last of them.
describe('the audit chain in PostgreSQL: migration and concurrent writers', () => {
  const databaseUrl = scratchDatabase('audit_chain');

  it('chains the entries already in the trail, and new entries follow them', async () => {
    const before = await schemaBefore(databaseUrl, AuditChain1764500000000);
    for (const [outcome, status] of [['ok', 200], ['rejected', 403], ['failed', 500]] as const) {
      await before.query(`INSERT INTO audit_log (at, actor_id, action, target, request_id, outcome, status) VALUES (now(), 'old-admin', 'POST /org/import', '/org/import', $1, $2, $3)`, [
        `legacy-${outcome}`,
        outcome,
        status,
      ]);
    }
    await before.destroy();

    const db = createDataSource({ url: databaseUrl, poolSize: 2 });
    await db.initialize();
    try {
      await migrate(db);
      const chained = await verifyAuditChain(db);
      assert.deepEqual({ ok: chained.ok, entries: chained.entries, lastSeq: chained.lastSeq }, { ok: true, entries: 3, lastSeq: 3 });

      await appendAuditEntry(db, { actorId: 'new-admin', action: 'POST /cycles', target: '/cycles', requestId: 'new', outcome: 'attempted', status: null, cycleId: null, unitId: null, detail: null, attemptSeq: null });
      const [newest]: Array<{ prev_hash: string }> = await db.query('SELECT prev_hash FROM audit_log ORDER BY seq DESC LIMIT 1');
      assert.equal(newest!.prev_hash, chained.lastHash);
      assert.deepEqual({ ...(await verifyAuditChain(db)), lastHash: undefined }, { ok: true, entries: 4, firstBrokenSeq: null, reason: null, lastSeq: 4, lastHash: undefined });
    } finally {
      await db.destroy();
    }
  });

  it('never forks under concurrent writers: three processes appending 30 entries each at once make one chain, each caller given its own entry', async () => {
    // Three connection pools stand for three API processes: within one, concurrent entries share
    // a transaction (group commit); between them, the chain head's lock takes turns.
    const pools = Array.from({ length: 3 }, () => createDataSource({ url: databaseUrl, poolSize: 4 }));
    await Promise.all(pools.map((db) => db.initialize()));
    try {
      const { entries: before } = await verifyAuditChain(pools[0]!);
      const appended = await Promise.all(
        pools.flatMap((db, p) =>
          Array.from({ length: 30 }, async (_, i) => {
            const requestId = `concurrent-${p}-${i}`;
            const seq = await appendAuditEntry(db, { actorId: `writer-${p}`, action: 'POST /org/import', target: '/org/import', requestId, outcome: 'ok', status: 200, cycleId: null, unitId: null, detail: null, attemptSeq: null });
            return { seq, requestId };
          }),
        ),
      );
      const verdict = await verifyAuditChain(pools[0]!);
      assert.equal(verdict.ok, true, JSON.stringify(verdict));
      assert.equal(verdict.entries, before + 90);
      const [links]: Array<{ forks: number }> = await pools[0]!.query('SELECT count(*)::int - count(DISTINCT prev_hash)::int AS forks FROM audit_log');
      assert.equal(links!.forks, 0);
      const stored: Array<{ seq: string; request_id: string }> = await pools[0]!.query('SELECT seq::text AS seq, request_id FROM audit_log WHERE seq = ANY($1::bigint[])', [appended.map((a) => a.seq)]);
      const requestOf = new Map(stored.map((row) => [row.seq, row.request_id]));
      assert.deepEqual(appended.filter((a) => requestOf.get(a.seq) !== a.requestId), []);
      // Within one process, entries that waited together went in one transaction (rows of one transaction share xmin).
      const [{ transactions }]: Array<{ transactions: number }> = await pools[0]!.query('SELECT count(DISTINCT xmin::text)::int AS transactions FROM audit_log WHERE seq = ANY($1::bigint[])', [
        appended.map((a) => a.seq),
      ]);
      assert.ok(transactions < 90 / 2, `${transactions} transactions for 90 entries: no group commit`);
    } finally {
      await Promise.all(pools.map((db) => db.destroy()));
    }
  });
});
