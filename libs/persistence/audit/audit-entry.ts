/** An audit entry as a request writes it; the chain adds its seq, time and hashes. */
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
