import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CHAINED_COLUMNS, entryHash, GENESIS_HASH, type ChainedRow } from '../audit/audit-chain.js';

const BATCH = 1000;

// The audit trail becomes a hash chain (see audit/audit-chain.ts). An entry written before its
// effect ("attempted", status still unknown) is completed by a later entry naming it in
// attempt_seq. The entries already there are chained now, oldest first, so the chain covers
// the whole trail.
export class AuditChain1764500000000 implements MigrationInterface {
  name = 'AuditChain1764500000000';

  async up(q: QueryRunner): Promise<void> {
    // No entry may be appended while the existing ones are chained.
    await q.query('LOCK TABLE audit_log IN EXCLUSIVE MODE');
    await q.query(`ALTER TABLE audit_log
      ADD COLUMN attempt_seq bigint,
      ADD COLUMN prev_hash text,
      ADD COLUMN hash text,
      ALTER COLUMN status DROP NOT NULL`);
    await q.query('CREATE INDEX audit_attempt_idx ON audit_log (attempt_seq) WHERE attempt_seq IS NOT NULL');
    await q.query(`CREATE TABLE audit_chain_head (
      id int PRIMARY KEY CHECK (id = 1),
      last_seq bigint,
      last_hash text NOT NULL
    )`);

    let previous = GENESIS_HASH;
    let lastSeq: string | null = null;
    for (;;) {
      const rows: ChainedRow[] = await q.query(`SELECT ${CHAINED_COLUMNS} FROM audit_log a WHERE a.seq > $1 ORDER BY a.seq LIMIT ${BATCH}`, [lastSeq ?? '-1']);
      if (rows.length === 0) break;
      const seqs: string[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        const hash = entryHash(row, previous);
        seqs.push(row.seq);
        prevs.push(previous);
        hashes.push(hash);
        previous = hash;
        lastSeq = row.seq;
      }
      await q.query(
        `UPDATE audit_log a SET prev_hash = x.prev_hash, hash = x.hash
           FROM unnest($1::bigint[], $2::text[], $3::text[]) AS x(seq, prev_hash, hash) WHERE a.seq = x.seq`,
        [seqs, prevs, hashes],
      );
    }
    await q.query('INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, $1, $2)', [lastSeq, previous]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_chain_head');
    await q.query('DROP INDEX audit_attempt_idx');
    await q.query('ALTER TABLE audit_log DROP COLUMN attempt_seq, DROP COLUMN prev_hash, DROP COLUMN hash');
  }
}
