import type { EntityManager } from 'typeorm';
import type { OperationKind } from '../temporal/workflow-inputs.js';

/** An operations row as the API shows it. */
export interface OperationView {
  id: string;
  kind: OperationKind;
  cycleId: string;
  status: 'running' | 'succeeded' | 'failed';
  total: number;
  done: number;
  failed: number;
  startedAt: string;
  finishedAt: string | null;
  error?: string;
}

export interface OperationRow {
  id: string;
  kind: OperationKind;
  cycle_id: string;
  actor_id: string;
  status: OperationView['status'];
  total: number;
  done: number;
  failed: number;
  cursor: string;
  started_at: Date;
  finished_at: Date | null;
  error: string | null;
}

type Queryable = Pick<EntityManager, 'query'>;

/** Records a new operation; a retried recording finds it and changes nothing. */
export async function insertOperation(
  db: Queryable,
  op: { id: string; kind: OperationKind; cycleId: string; actorId: string; total: number; at: string },
): Promise<void> {
  await db.query(
    `INSERT INTO operations (id, kind, cycle_id, actor_id, total, started_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
    [op.id, op.kind, op.cycleId, op.actorId, op.total, op.at],
  );
}

export async function loadOperation(db: Queryable, id: string): Promise<OperationRow | null> {
  const [row]: OperationRow[] = await db.query('SELECT * FROM operations WHERE id = $1', [id]);
  return row ?? null;
}

/** Records a batch as handled: the sweep resumes after `cursor`. */
export async function checkpointOperation(db: Queryable, id: string, cursor: string, done: number): Promise<void> {
  await db.query(`UPDATE operations SET cursor = $2, done = done + $3, total = GREATEST(total, done + $3 + failed) WHERE id = $1`, [id, cursor, done]);
}

/** Done: the total becomes what was found, since reviews may have closed while it ran. */
export async function finishOperation(db: Queryable, id: string, at: string): Promise<void> {
  await db.query(`UPDATE operations SET status = 'succeeded', finished_at = $2, total = done + failed WHERE id = $1 AND status = 'running'`, [id, at]);
}

export async function failOperation(db: Queryable, id: string, error: string, at: string): Promise<void> {
  await db.query(`UPDATE operations SET status = 'failed', finished_at = $2, error = $3 WHERE id = $1 AND status = 'running'`, [id, at, error]);
}

export function operationView(row: OperationRow): OperationView {
  return {
    id: row.id,
    kind: row.kind,
    cycleId: row.cycle_id,
    status: row.status,
    total: row.total,
    done: row.done,
    failed: row.failed,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    ...(row.error ? { error: row.error } : {}),
  };
}
