import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { cycleBody } from '../support/cycle-body.js';
import { threeLevelOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { allReviews, waitRunning } from '../support/review-driver.js';
import { sqlClient } from '../support/sql-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

const CLI = fileURLToPath(new URL('../../libs/persistence/audit/audit-verify.main.js', import.meta.url));

/** `npm run audit:verify` on the test database: its exit code and the verdict it prints. */
function runVerifyCli(databaseUrl: string): Promise<{ code: number | null; verdict: Record<string, unknown> }> {
  const child = spawn(process.execPath, [CLI], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' } });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, verdict: JSON.parse(out) })));
}

describe('the audit trail is a hash chain: GET /audit/verify and npm run audit:verify', () => {
  let app: TestApp;
  let sql: pg.Client;
  let people: Participants;
  const org = threeLevelOrg(uniquePrefix('e2e-aud-chain'));
  let cycleId: string;

  before(async () => {
    app = await startTestApp();
    sql = await sqlClient(app.config.database.url);
    people = new Participants(app.http);
    const payload = structuredClone(org.payload);
    payload.people.push({ id: org.id('auditor'), name: 'Auditor', unitId: org.rootId, position: 'member', username: org.id('auditor'), password: TEST_PASSWORD, roles: [{ role: 'auditor', unitId: org.rootId }] });
    ok(await app.admin.post('/org/import', payload));
    cycleId = ok(await app.admin.post('/cycles', cycleBody(org.rootId)), 201).id;
    await waitRunning(app.admin, cycleId);
    const review = (await allReviews(app.admin, cycleId)).find((r) => r.subject.id === org.id('g-mem1'))!;
    const subject = await people.as(org.id('g-mem1'));
    const reviewer = await people.as(org.id('g-sec'));
    assertProblem(await subject.post(`/reviews/${review.id}/targets`, { targets: [{ title: 'Self-assigned' }] }), 403);
    ok(await reviewer.post(`/reviews/${review.id}/targets`, { targets: [{ title: 'Year plan' }] }));
  });
  after(async () => {
    await sql?.end();
    await app?.stop();
  });

  it('verifies an intact trail, links every entry to the one before it, and agrees with the CLI', async () => {
    const verdict = ok(await app.admin.get('/audit/verify'));
    assert.equal(verdict.ok, true, JSON.stringify(verdict));
    assert.equal(verdict.firstBrokenSeq, null);
    assert.equal(verdict.reason, null);
    assert.ok(verdict.entries >= 6, JSON.stringify(verdict));
    assert.match(verdict.lastHash, /^[0-9a-f]{64}$/);

    const { rows } = await sql.query(`SELECT seq, prev_hash, hash FROM audit_log WHERE cycle_id = $1 ORDER BY seq`, [cycleId]);
    assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash) && /^[0-9a-f]{64}$/.test(r.prev_hash)));

    const cli = await runVerifyCli(app.config.database.url);
    assert.equal(cli.code, 0, JSON.stringify(cli.verdict));
    assert.equal(cli.verdict.ok, true);
  });

  it('names the first broken entry after one is altered and another deleted, in the API and the CLI (exit 1)', async () => {
    // Each row whole, as JSON: the time keeps its microseconds, so the row can be put back exactly.
    const { rows } = await sql.query(`SELECT seq, outcome, to_jsonb(a) AS saved FROM audit_log a WHERE cycle_id = $1 ORDER BY seq`, [cycleId]);
    assert.ok(rows.length >= 4, JSON.stringify(rows));
    const altered = rows[1];
    const deleted = rows[3];
    await sql.query(`UPDATE audit_log SET outcome = 'ok' WHERE seq = $1`, [altered.seq]);
    await sql.query(`DELETE FROM audit_log WHERE seq = $1`, [deleted.seq]);
    try {
      const verdict = ok(await app.admin.get('/audit/verify'));
      assert.equal(verdict.ok, false);
      assert.equal(verdict.firstBrokenSeq, Number(altered.seq));
      assert.match(verdict.reason, /altered/);
      const cli = await runVerifyCli(app.config.database.url);
      assert.equal(cli.code, 1);
      assert.equal(cli.verdict.firstBrokenSeq, Number(altered.seq));

      // With the alteration undone, the deletion shows at the next entry, whose link no longer holds.
      await sql.query(`UPDATE audit_log SET outcome = $2 WHERE seq = $1`, [altered.seq, altered.outcome]);
      const [next] = (await sql.query(`SELECT min(seq) AS seq FROM audit_log WHERE seq > $1`, [deleted.seq])).rows;
      const afterDeletion = ok(await app.admin.get('/audit/verify'));
      assert.equal(afterDeletion.ok, false);
      assert.equal(afterDeletion.firstBrokenSeq, Number(next.seq));
      assert.match(afterDeletion.reason, /deleted/);
    } finally {
      // Put the trail back as it was, for the other tests sharing this database.
      await sql.query(`UPDATE audit_log SET outcome = $2 WHERE seq = $1`, [altered.seq, altered.outcome]);
      await sql.query(`INSERT INTO audit_log SELECT * FROM jsonb_populate_record(NULL::audit_log, $1) ON CONFLICT (seq) DO NOTHING`, [deleted.saved]);
    }
    assert.equal(ok(await app.admin.get('/audit/verify')).ok, true);
  });

  it('reports deleted newest entries against the chain head', async () => {
    const [head] = (await sql.query(`SELECT last_seq FROM audit_chain_head`)).rows;
    // A fresh entry at the end of the trail, then removed as someone covering their tracks would.
    assertProblem(await (await people.as(org.id('g-mem2'))).post(`/cycles/${cycleId}/cancel`, { reason: 'Not mine' }), 403);
    const [last] = (await sql.query(`SELECT * FROM audit_log WHERE seq = (SELECT last_seq FROM audit_chain_head)`)).rows;
    assert.ok(Number(last.seq) > Number(head.last_seq));
    await sql.query('BEGIN');
    try {
      // Locking the head keeps other writers out while the tail is gone, so only this test sees it.
      await sql.query('SELECT 1 FROM audit_chain_head FOR UPDATE');
      await sql.query(`DELETE FROM audit_log WHERE seq = $1`, [last.seq]);
      const verdict = await verifyInside(sql);
      assert.equal(verdict.ok, false);
      assert.equal(verdict.firstBrokenSeq, Number(last.seq));
      assert.match(String(verdict.reason), /newest entries were deleted/);
    } finally {
      await sql.query('ROLLBACK');
    }
  });

  it('is for administrators and auditors of every unit: a scoped auditor gets 403, no token 401', async () => {
    assertProblem(await (await people.as(org.id('auditor'))).get('/audit/verify'), 403);
    assertProblem(await (await people.as(org.id('g-sec'))).get('/audit/verify'), 403);
    assertProblem(await app.http.get('/audit/verify'), 401);
  });
});

/** The verifier on this connection, inside its open transaction (sees what the transaction deleted). */
async function verifyInside(sql: pg.Client) {
  const { verifyAuditChain } = await import('../../libs/persistence/audit/audit-verify.js');
  return verifyAuditChain({ query: async (text: string, params?: unknown[]) => (await sql.query(text, params)).rows });
}
