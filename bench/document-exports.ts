import type { DataSource } from 'typeorm';
import { duration, timed, type Measurement } from './measure.js';
import type { LaunchTarget } from './cycle-launch.js';

// (i) document exports: the province subtree XLSX and the audit CSV, each timed with the API
// process's peak RSS, next to the engine's own ceiling (a plain JSON read of the same rows).
// A cycle of 110,000 subjects takes over an hour to launch through Temporal on the dev server,
// so the read models the exports read are written straight into PostgreSQL, shaped as the
// projections write them (units, reports, reviews, audit_log).

export const EXPORT_ROOT = 'bench-export-province';
export const EXPORT_CYCLE = 'bench-export-cycle';
const ROOT = EXPORT_ROOT;
const CYCLE = EXPORT_CYCLE;
const DISTRICTS = 15;
const GRASSROOTS_PER_DISTRICT = 61; // 915, about Nam Dinh's 921
const CELLS_PER_GRASSROOTS = 5; // 4,575, about its 4,293

/** Seeds a province of about `subjects` reviews (one per member, in the cells) and `auditRows` audit entries. */
export async function seedExportProvince(db: DataSource, subjects: number, auditRows: number): Promise<void> {
  const counts = `jsonb_build_object('excellent', 0, 'good', 0, 'completed', 0, 'not_completed', 0, 'total', 0)`;
  await db.query(`
    WITH RECURSIVE tree(id, parent_id, name, kind, ancestor_ids) AS (
      SELECT '${ROOT}'::text, NULL::text, 'Tỉnh ủy tổng hợp'::text, 'province'::text, ARRAY['${ROOT}']::text[]
      UNION ALL
      SELECT t.id || '-' || n, t.id,
             CASE t.kind WHEN 'province' THEN 'Huyện ủy ' WHEN 'district' THEN 'Đảng ủy xã ' ELSE 'Chi bộ ' END || t.id || '-' || n,
             CASE t.kind WHEN 'province' THEN 'district' WHEN 'district' THEN 'grassroots' ELSE 'cell' END,
             t.ancestor_ids || (t.id || '-' || n)
        FROM tree t CROSS JOIN LATERAL generate_series(1, CASE t.kind WHEN 'province' THEN ${DISTRICTS} WHEN 'district' THEN ${GRASSROOTS_PER_DISTRICT} WHEN 'grassroots' THEN ${CELLS_PER_GRASSROOTS} ELSE 0 END) n
    )
    INSERT INTO units (id, parent_id, name, kind, ancestor_ids) SELECT id, parent_id, name, kind, ancestor_ids FROM tree ON CONFLICT (id) DO NOTHING`);
  await db.query(
    `INSERT INTO cycles (id, year, root_unit_id, title, status, policy, calendar, subjects_total, workflow_id, created_by)
     VALUES ($1, 2099, $2, 'Benchmark: exports', 'running', '{"ruleSet":"reg-366-2025"}', '{}', $3, 'cycle:${CYCLE}', 'bench') ON CONFLICT (id) DO NOTHING`,
    [CYCLE, ROOT, subjects],
  );
  await db.query(
    `INSERT INTO reports (cycle_id, unit_id, parent_unit_id, status, people, units)
     SELECT $1, id, parent_id, 'collecting', ${counts}, ${counts} FROM units WHERE ancestor_ids @> ARRAY[$2]::text[] ON CONFLICT DO NOTHING`,
    [CYCLE, ROOT],
  );
  await db.query(
    `WITH cells AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i, count(*) OVER () AS n FROM units WHERE kind = 'cell' AND ancestor_ids @> ARRAY[$2]::text[])
     INSERT INTO reviews (id, cycle_id, workflow_id, subject_type, subject_id, subject_name, unit_id, owner_unit_id, reviewer_id, self_actor_id, step, status, classification, score, version, state)
     SELECT 'bx-' || s, $1, 'review:bx-' || s, 'person', 'bx-p' || s, 'Đảng viên số ' || s, c.id, c.id, 'bx-head', 'bx-p' || s,
            'done', 'done', (ARRAY['excellent','good','good','good','completed','not_completed'])[1 + s % 6], 60 + s % 40, 1, '{}'::jsonb
       FROM generate_series(1, $3) s JOIN cells c ON c.i = s % c.n
     ON CONFLICT DO NOTHING`,
    [CYCLE, ROOT, subjects],
  );
  await db.query(
    `INSERT INTO audit_log (at, actor_id, action, target, request_id, outcome, status, cycle_id, unit_id, detail)
     SELECT now() - (s || ' seconds')::interval, 'bx-head', 'POST /reviews/:id/review', 'review:bx-' || s, 'req-' || s, 'ok', 200, $1, $2, NULL
       FROM generate_series(1, $3) s`,
    [CYCLE, ROOT, auditRows],
  );
  await db.query('ANALYZE units; ANALYZE reviews; ANALYZE reports; ANALYZE audit_log');
}

/** Peak resident memory of this process (the API runs in it) while `work` runs, sampled every 20 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; baseMb: number; peakMb: number }> {
  const mb = () => process.memoryUsage.rss() / 2 ** 20;
  const baseMb = mb();
  let peakMb = baseMb;
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, mb())), 20);
  try {
    const { result, ms } = await timed(work);
    return { result, ms, baseMb, peakMb: Math.max(peakMb, mb()) };
  } finally {
    clearInterval(sampler);
  }
}

/** Reads a download to its end, counting bytes and keeping none. */
async function drain(target: LaunchTarget, path: string): Promise<number> {
  const res = await fetch(`${target.baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${target.token}` } });
  if (!res.ok || !res.body) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
  let bytes = 0;
  for await (const chunk of res.body) bytes += (chunk as Uint8Array).byteLength;
  return bytes;
}

/** Pages through a JSON list with limit=500; returns how many items came back. */
async function pageThrough(target: LaunchTarget, path: string): Promise<number> {
  let items = 0;
  let cursor: string | null = null;
  do {
    const res = await fetch(`${target.baseUrl}/api/v1${path}${path.includes('?') ? '&' : '?'}limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${target.token}` } });
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
    const page = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    items += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export async function measureDocumentExports(db: DataSource, target: LaunchTarget, subjects: number, auditRows: number): Promise<Measurement[]> {
  await seedExportProvince(db, subjects, auditRows);
  const memory = (m: { baseMb: number; peakMb: number }) => `RSS ${Math.round(m.baseMb)} → peak ${Math.round(m.peakMb)} MB (+${Math.round(m.peakMb - m.baseMb)} MB)`;
  // One district first (a fifteenth of the rows): flat memory means the province's peak is no higher.
  const district = await withPeakRss(() => drain(target, `/cycles/${CYCLE}/units/${ROOT}-1/report.xlsx?scope=subtree`));
  const xlsx = await withPeakRss(() => drain(target, `/cycles/${CYCLE}/units/${ROOT}/report.xlsx?scope=subtree`));
  const reviews = await withPeakRss(() => pageThrough(target, `/cycles/${CYCLE}/reviews`));
  const csv = await withPeakRss(() => drain(target, `/audit.csv?cycleId=${CYCLE}`));
  const audit = await withPeakRss(() => pageThrough(target, `/audit?cycleId=${CYCLE}`));
  return [
    duration('(i) one district subtree XLSX (report.xlsx?scope=subtree)', Math.round(subjects / DISTRICTS), district.ms, `${(district.result / 2 ** 20).toFixed(1)} MiB streamed; ${memory(district)}`),
    duration('(i) province subtree XLSX (report.xlsx?scope=subtree)', subjects, xlsx.ms, `${(xlsx.result / 2 ** 20).toFixed(1)} MiB streamed; ${memory(xlsx)}`),
    duration('(i) ceiling: the same reviews as JSON (GET /cycles/:id/reviews, 500 a page)', reviews.result, reviews.ms, memory(reviews)),
    duration('(i) audit CSV (audit.csv?cycleId=)', auditRows, csv.ms, `${(csv.result / 2 ** 20).toFixed(1)} MiB streamed; ${memory(csv)}`),
    duration('(i) ceiling: the same entries as JSON (GET /audit, 500 a page)', audit.result, audit.ms, memory(audit)),
  ];
}
