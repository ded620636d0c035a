import { CHAINED_COLUMNS, entryHash, GENESIS_HASH, type ChainedRow } from './audit-chain.js';

export interface ChainVerdict {
  ok: boolean;
  /** Entries checked (up to the chain head read when the check began). */
  entries: number;
  /** The first entry whose hash or link does not hold; null when the chain is intact. */
  firstBrokenSeq: number | null;
  reason: string | null;
  /** The chain head when the check began: keep it elsewhere to detect, later, a rewritten chain. */
  lastSeq: number | null;
  lastHash: string;
}

const BATCH = 1000;

/** A DataSource, or any connection that answers a query with its rows. */
export interface RowSource {
  query(text: string, params?: unknown[]): Promise<any>;
}

/**
 * Walks the whole trail in seq order, recomputing every hash and link, and stops at the first
 * that does not hold. Entries appended while it runs are left for the next check.
 */
export async function verifyAuditChain(db: RowSource): Promise<ChainVerdict> {
  const [head]: Array<{ last_seq: string | null; last_hash: string }> = await db.query('SELECT last_seq::text AS last_seq, last_hash FROM audit_chain_head WHERE id = 1');
  if (!head) throw new Error('The audit chain head is missing: run the migrations.');
  const lastSeq = head.last_seq === null ? null : Number(head.last_seq);
  const verdict = (entries: number, broken: { seq: string | number; reason: string } | null): ChainVerdict => ({
    ok: broken === null,
    entries,
    firstBrokenSeq: broken === null ? null : Number(broken.seq),
    reason: broken?.reason ?? null,
    lastSeq,
    lastHash: head.last_hash,
  });

  let previous = GENESIS_HASH;
  let previousSeq: string | null = null;
  let entries = 0;
  for (;;) {
    const rows: ChainedRow[] = await db.query(
      `SELECT ${CHAINED_COLUMNS} FROM audit_log a WHERE a.seq > $1 AND a.seq <= $2 ORDER BY a.seq LIMIT ${BATCH}`,
      [previousSeq ?? '-1', head.last_seq ?? '-1'],
    );
    for (const row of rows) {
      if (row.hash === null || row.prev_hash === null) return verdict(entries, { seq: row.seq, reason: 'the entry is not chained (written without its hash)' });
      if (entryHash(row, row.prev_hash) !== row.hash) return verdict(entries, { seq: row.seq, reason: 'the entry does not match its hash: it was altered' });
      if (row.prev_hash !== previous) {
        const before = previousSeq === null ? 'the start of the trail' : `entry ${previousSeq}`;
        return verdict(entries, { seq: row.seq, reason: `the entry does not link to ${before}: an entry between them was deleted, or ${before} was altered` });
      }
      previous = row.hash;
      previousSeq = row.seq;
      entries++;
    }
    if (rows.length < BATCH) break;
  }
  if (previousSeq !== head.last_seq || previous !== head.last_hash) {
    return verdict(entries, { seq: head.last_seq ?? 0, reason: `the chain head names entry ${head.last_seq}, but the trail ends at ${previousSeq ?? 'nothing'}: the newest entries were deleted` });
  }
  return verdict(entries, null);
}
