import type { DataSource } from 'typeorm';
import { CHAINED_COLUMNS, entryHash, type ChainedRow } from './audit-chain.js';
import type { NewAuditEntry } from './audit-entry.js';

/** Entries linked in one transaction at most: the chain head stays locked for milliseconds. */
const MAX_BATCH = 200;

interface Waiting {
  entry: NewAuditEntry;
  resolve(seq: string): void;
  reject(error: unknown): void;
}

/**
 * Appends entries to the hash chain with group commit. Every entry takes the chain head's lock
 * (two writers never link to the same previous entry, an entry is never left unchained), so
 * appends are serial; entries that arrive while a transaction holds the lock wait for it and
 * then go together in the next one: one lock, one INSERT, one UPDATE for all of them. Each caller
 * still learns only once its own entry is committed (no entry, no effect).
 */
export class AuditChainWriter {
  private readonly waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly db: DataSource) {}

  /** Resolves with the entry's seq once it is committed; rejects when its transaction failed. */
  append(entry: NewAuditEntry): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      if (!this.writing) void this.writeAll();
    });
  }

  private async writeAll(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        try {
          const seqs = await this.link(batch.map((w) => w.entry));
          batch.forEach((w, i) => w.resolve(seqs[i]!));
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** One transaction: lock the head, insert the entries (seqs taken under the lock, in the callers' order), chain them, move the head. */
  private link(entries: NewAuditEntry[]): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const [head]: Array<{ last_hash: string }> = await tx.query('SELECT last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE');
      if (!head) throw new Error('The audit chain head is missing: run the migrations.');
      // Seqs are drawn only now, under the lock, so no other writer can chain a later seq first;
      // clock_timestamp(), not now(): each entry of a batch keeps the time it was written.
      const rows: Array<ChainedRow & { n: number }> = await tx.query(
        `WITH e AS (SELECT * FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (actor_id text, action text, target text, request_id text,
                      outcome text, status int, cycle_id text, unit_id text, detail text, attempt_seq text)) WITH ORDINALITY
                      AS e(actor_id, action, target, request_id, outcome, status, cycle_id, unit_id, detail, attempt_seq, n)),
              s AS MATERIALIZED (SELECT n, nextval(pg_get_serial_sequence('audit_log', 'seq')) AS seq FROM generate_series(1, $2::bigint) AS n ORDER BY n),
              inserted AS (
                INSERT INTO audit_log AS a (seq, at, actor_id, action, target, request_id, outcome, status, cycle_id, unit_id, detail, attempt_seq)
                SELECT s.seq, clock_timestamp(), e.actor_id, e.action, e.target, e.request_id, e.outcome, e.status, e.cycle_id, e.unit_id, e.detail, e.attempt_seq::bigint
                  FROM e JOIN s ON s.n = e.n ORDER BY e.n
                RETURNING ${CHAINED_COLUMNS})
         SELECT s.n::int AS n, inserted.* FROM inserted JOIN s ON s.seq::text = inserted.seq ORDER BY s.seq`,
        [JSON.stringify(entries.map(toRecord)), entries.length],
      );
      let previous = head.last_hash;
      const links = rows.map((row) => {
        const hash = entryHash(row, previous);
        const link = { seq: row.seq, prev_hash: previous, hash };
        previous = hash;
        return link;
      });
      await tx.query(
        `WITH link AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS l(seq text, prev_hash text, hash text)),
              chained AS (UPDATE audit_log a SET prev_hash = link.prev_hash, hash = link.hash FROM link WHERE a.seq = link.seq::bigint)
         UPDATE audit_chain_head SET last_seq = $2::bigint, last_hash = $3 WHERE id = 1`,
        [JSON.stringify(links), links.at(-1)!.seq, previous],
      );
      // Each caller's seq, in the order the entries were given.
      const seqOf = new Map(rows.map((row) => [row.n, row.seq]));
      return entries.map((_, i) => seqOf.get(i + 1)!);
    });
  }
}

function toRecord(entry: NewAuditEntry) {
  return {
    actor_id: entry.actorId,
    action: entry.action,
    target: entry.target,
    request_id: entry.requestId,
    outcome: entry.outcome,
    status: entry.status,
    cycle_id: entry.cycleId,
    unit_id: entry.unitId,
    detail: entry.detail,
    attempt_seq: entry.attemptSeq,
  };
}
