import { createHash } from 'node:crypto';

// The audit trail is a hash chain: each entry stores the hash of the entry before it and its own
// hash, SHA-256 over a canonical serialisation of its fields and that previous hash. Altering an
// entry breaks its own hash; deleting one breaks the next entry's link; deleting the newest ones
// no longer matches the chain head (audit_chain_head). This serialisation must never change.

/** The "previous hash" of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** An audit_log row as the chain hashes it: every field as text, as CHAINED_COLUMNS selects it. */
export interface ChainedRow {
  seq: string;
  at_utc: string;
  actor_id: string | null;
  action: string;
  target: string;
  request_id: string;
  outcome: string;
  status: number | null;
  cycle_id: string | null;
  unit_id: string | null;
  detail: string | null;
  attempt_seq: string | null;
  prev_hash: string | null;
  hash: string | null;
}

/**
 * The columns of `audit_log` (aliased `a`) in the form the hash is computed over. The time is
 * UTC with microseconds, as stored, so the session's time zone cannot change a hash.
 */
export const CHAINED_COLUMNS = `a.seq::text AS seq, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_utc,
  a.actor_id, a.action, a.target, a.request_id, a.outcome, a.status, a.cycle_id, a.unit_id, a.detail,
  a.attempt_seq::text AS attempt_seq, a.prev_hash, a.hash`;

/** SHA-256 (hex) of the JSON array of the entry's fields, in a fixed order, ending with the previous hash. */
export function entryHash(row: ChainedRow, prevHash: string): string {
  const canonical = JSON.stringify([
    row.seq,
    row.at_utc,
    row.actor_id,
    row.action,
    row.target,
    row.request_id,
    row.outcome,
    row.status,
    row.cycle_id,
    row.unit_id,
    row.detail,
    row.attempt_seq,
    prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
