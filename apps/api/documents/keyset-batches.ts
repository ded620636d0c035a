import type { DataSource } from 'typeorm';

export const EXPORT_BATCH_SIZE = 2000;

/**
 * Reads a large result in batches ordered by a unique key, each query starting after the last
 * key seen, so an export holds one batch in memory however many rows match. `query(after)` must
 * return at most `batchSize` rows ordered by `keyOf`, strictly after `after` (null: from the start).
 */
export async function* keysetBatches<R, K>(
  db: DataSource,
  query: (after: K | null, batchSize: number) => { sql: string; params: unknown[] },
  keyOf: (row: R) => K,
  batchSize = EXPORT_BATCH_SIZE,
): AsyncGenerator<R[]> {
  let after: K | null = null;
  for (;;) {
    const { sql, params } = query(after, batchSize);
    const rows: R[] = await db.query(sql, params);
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    after = keyOf(rows.at(-1)!);
  }
}
