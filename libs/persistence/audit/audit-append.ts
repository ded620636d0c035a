import type { DataSource } from 'typeorm';
import { CHAINED_COLUMNS, entryHash, type ChainedRow } from './audit-chain.js';

export interface NewAuditEntry {
  actorId: string | null;
  action: string;
  target: string;
  requestId: string;
  outcome: string;
  /** The HTTP status; null while the request is only attempted. */
  status: number | null;
  cycleId: string | null;
  unitId: string | null;
  detail: string | null;
  /** The entry of the same request written before its effect, which this one completes. */
  attemptSeq: string | null;
}

/**
 * Appends one entry at the end of the chain, in one transaction that locks the chain head: two
 * writers never link to the same previous entry (no fork), and an entry is never left unchained.
 * Throws when the entry cannot be written; returns its seq.
 */
export async function appendAuditEntry(db: DataSource, entry: NewAuditEntry): Promise<string> {
  return db.transaction(async (tx) => {
    const [head]: Array<{ last_hash: string }> = await tx.query('SELECT last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE');
    if (!head) throw new Error('The audit chain head is missing: run the migrations.');
    const [row]: ChainedRow[] = await tx.query(
      `INSERT INTO audit_log AS a (at, actor_id, action, target, request_id, outcome, status, cycle_id, unit_id, detail, attempt_seq)
       VALUES (now(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING ${CHAINED_COLUMNS}`,
      [entry.actorId, entry.action, entry.target, entry.requestId, entry.outcome, entry.status, entry.cycleId, entry.unitId, entry.detail, entry.attemptSeq],
    );
    const hash = entryHash(row!, head.last_hash);
    await tx.query('UPDATE audit_log SET prev_hash = $2, hash = $3 WHERE seq = $1', [row!.seq, head.last_hash, hash]);
    await tx.query('UPDATE audit_chain_head SET last_seq = $1, last_hash = $2 WHERE id = 1', [row!.seq, hash]);
    return row!.seq;
  });
}
