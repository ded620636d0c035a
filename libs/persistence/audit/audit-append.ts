import type { DataSource } from 'typeorm';
import { AuditChainWriter } from './audit-chain-writer.js';
import type { NewAuditEntry } from './audit-entry.js';

export type { NewAuditEntry } from './audit-entry.js';

// One writer per connection pool, so that the concurrent requests of a process share its
// group commit (see AuditChainWriter); writers of other processes take turns on the head's lock.
const writers = new WeakMap<DataSource, AuditChainWriter>();

/**
 * Appends one entry at the end of the chain, linked under the chain head's lock: two writers
 * never link to the same previous entry (no fork), and an entry is never left unchained.
 * Throws when the entry cannot be written; returns its seq once it is committed.
 */
export function appendAuditEntry(db: DataSource, entry: NewAuditEntry): Promise<string> {
  let writer = writers.get(db);
  if (!writer) writers.set(db, (writer = new AuditChainWriter(db)));
  return writer.append(entry);
}
