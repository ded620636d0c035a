import type { DataSource } from 'typeorm';
import { hashPassword } from '../libs/auth/password-hash.js';
import { login, type LaunchTarget } from './cycle-launch.js';
import { EXPORT_CYCLE, EXPORT_ROOT, seedExportProvince } from './document-exports.js';

// (j) reads at province size: the inbox, review lists, reports, the completion tree and audit
// pages for a cell head, a district head and a province admin, p50/p99 over N sequential
// requests each, next to the API's own ceiling (GET /health, GET /me), and the EXPLAIN (ANALYZE)
// of every SQL statement each endpoint runs (captured from the API's DataSource while one request
// of each case runs). The province is (i)'s, written straight into PostgreSQL, then given unit
// heads, reviews at every step, an inbox of tasks and an audit trail spread over the cells.

const PASSWORD = 'bench-reads-password';

export interface ReadCase {
  persona: string;
  endpoint: string;
  status: number;
  p50Ms: number;
  p99Ms: number;
  /** One line per SQL statement the request ran: the plan's top node and its scans. */
  plans: string[];
}

export interface ReadResults {
  ceiling: ReadCase[];
  cases: ReadCase[];
  seedMs: number;
  subjects: number;
  tasks: number;
  auditRows: number;
}

/** Adds unit heads, steps, tasks and a unit-spread audit trail to (i)'s province. */
export async function seedReads(db: DataSource, subjects: number, auditRows: number): Promise<number> {
  await seedExportProvince(db, subjects, 0);
  await db.query(`UPDATE units SET head_id = 'bh-' || id WHERE ancestor_ids @> ARRAY[$1]::text[]`, [EXPORT_ROOT]);
  // Reviews at every step: a sixth still at targets, a sixth self-assessing, a third with the reviewer, a third done.
  await db.query(
    `UPDATE reviews SET reviewer_id = 'bh-' || unit_id,
            step = (ARRAY['target_assignment','self_assessment','superior_review','superior_review','done','done'])[1 + (substr(id, 4)::int / 7) % 6],
            status = CASE WHEN (substr(id, 4)::int / 7) % 6 >= 4 THEN 'done' ELSE 'open' END,
            due_at = now() + (((substr(id, 4)::int % 20) - 5) || ' days')::interval
      WHERE cycle_id = $1`,
    [EXPORT_CYCLE],
  );
  await db.query(`UPDATE reviews SET classification = NULL, score = NULL WHERE cycle_id = $1 AND status = 'open'`, [EXPORT_CYCLE]);
  // A review's state (targets, self-assessment, the reviewer's comments) is a few KB of text, not '{}':
  // ~1.3 KB of incompressible text per row keeps the reviews heap as wide as in a real cycle.
  await db.query(
    `UPDATE reviews SET state = jsonb_build_object('notes', (SELECT string_agg(md5(id || g::text), ' ') FROM generate_series(1, 40) g)) WHERE cycle_id = $1`,
    [EXPORT_CYCLE],
  );
  // One task per review: open with whoever holds the step, done with the reviewer once the review is done.
  await db.query(
    `INSERT INTO tasks (id, assignee_id, kind, cycle_id, review_id, unit_id, subject, status, due_at, created_at, completed_at)
     SELECT 't-' || r.id,
            CASE WHEN r.step = 'self_assessment' THEN r.self_actor_id ELSE r.reviewer_id END,
            CASE r.step WHEN 'target_assignment' THEN 'assign_targets' WHEN 'self_assessment' THEN 'self_assess' ELSE 'review' END,
            r.cycle_id, r.id, r.unit_id, jsonb_build_object('type', 'person', 'id', r.subject_id, 'name', r.subject_name),
            CASE WHEN r.status = 'done' THEN 'done' ELSE 'open' END, r.due_at, now() - interval '30 days' + (substr(r.id, 4)::int || ' seconds')::interval,
            CASE WHEN r.status = 'done' THEN now() END
       FROM reviews r WHERE r.cycle_id = $1 ON CONFLICT DO NOTHING`,
    [EXPORT_CYCLE],
  );
  // Every unit above the cells owes a report to its parent.
  await db.query(
    `INSERT INTO tasks (id, assignee_id, kind, cycle_id, review_id, unit_id, subject, status, due_at, created_at)
     SELECT 'tr-' || u.id, u.head_id, 'submit_report', $1, NULL, u.id, jsonb_build_object('type', 'unit', 'id', u.id, 'name', u.name), 'open', now() + interval '10 days', now() - interval '20 days'
       FROM units u WHERE u.ancestor_ids @> ARRAY[$2]::text[] AND u.kind <> 'cell' ON CONFLICT DO NOTHING`,
    [EXPORT_CYCLE, EXPORT_ROOT],
  );
  // The audit trail as the API writes it: each request an `attempted` entry, then the entry completing
  // it (attempt_seq), interleaved; review actions spread over the cells, by their heads.
  await db.query(
    `WITH cells AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i, count(*) OVER () AS n FROM units WHERE kind = 'cell' AND ancestor_ids @> ARRAY[$2]::text[]),
          base AS (SELECT coalesce(max(seq), 0) AS b FROM audit_log)
     INSERT INTO audit_log (seq, at, actor_id, action, target, request_id, outcome, status, cycle_id, unit_id, detail, attempt_seq)
     SELECT base.b + 2 * s - 1 + k, now() - (($3 - s) || ' seconds')::interval, 'bh-' || c.id, 'POST /reviews/:id/review', 'review:bx-' || s, 'req-' || s,
            CASE k WHEN 0 THEN 'attempted' ELSE 'ok' END, CASE k WHEN 0 THEN 0 ELSE 200 END, $1, c.id, NULL, CASE k WHEN 0 THEN NULL ELSE base.b + 2 * s - 1 END
       FROM generate_series(1, $3 / 2) s JOIN cells c ON c.i = s % c.n CROSS JOIN base CROSS JOIN generate_series(0, 1) k`,
    [EXPORT_CYCLE, EXPORT_ROOT, auditRows],
  );
  await db.query(`SELECT setval(pg_get_serial_sequence('audit_log', 'seq'), (SELECT max(seq) FROM audit_log))`);
  // VACUUM as autovacuum would after such a load: index-only scans need the visibility map.
  for (const table of ['units', 'reviews', 'reports', 'tasks', 'audit_log', 'completion_review_counts', 'completion_open_tasks']) await db.query(`VACUUM ANALYZE ${table}`);
  const [{ n }]: Array<{ n: number }> = await db.query('SELECT count(*)::int AS n FROM tasks WHERE cycle_id = $1', [EXPORT_CYCLE]);
  return n;
}

/** Accounts of the three personas (no person behind them: always in good standing), signed in. */
async function personas(db: DataSource, target: LaunchTarget, hashCost: number) {
  const [cell]: Array<{ id: string; parent_id: string }> = await db.query(
    `SELECT id, parent_id FROM units WHERE kind = 'cell' AND ancestor_ids @> ARRAY[$1]::text[] ORDER BY id LIMIT 1 OFFSET 1000`,
    [EXPORT_ROOT],
  );
  const [{ district }]: Array<{ district: string }> = await db.query(`SELECT ancestor_ids[2] AS district FROM units WHERE id = $1`, [cell!.id]);
  const hash = await hashPassword(PASSWORD, hashCost);
  const accounts = [
    { persona: 'cell head', id: `bh-${cell!.id}`, roles: [] as unknown[], unit: cell!.id },
    { persona: 'district head', id: `bh-${district}`, roles: [], unit: district },
    { persona: 'province admin', id: 'bench-province-admin', roles: [{ role: 'admin', unitId: EXPORT_ROOT }], unit: EXPORT_ROOT },
  ];
  const signedIn = [];
  for (const a of accounts) {
    await db.query(`INSERT INTO accounts (id, username, password_hash, roles) VALUES ($1, $1, $2, $3) ON CONFLICT (id) DO NOTHING`, [a.id, hash, JSON.stringify(a.roles)]);
    signedIn.push({ ...a, token: await login(target.baseUrl, a.id, PASSWORD), cell: cell!.id, district });
  }
  return signedIn;
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

async function timeRequests(url: string, token: string | null, n: number): Promise<{ status: number; p50Ms: number; p99Ms: number }> {
  const latencies: number[] = [];
  let status = 0;
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    await res.arrayBuffer();
    latencies.push(performance.now() - started);
    status = res.status;
  }
  latencies.sort((a, b) => a - b);
  return { status, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

/** "Limit → Index Scan using tasks_inbox_idx; scans: …; 0.3 ms" */
function describePlan(plan: { Plan: PlanNode; 'Execution Time': number }): string {
  const scans: string[] = [];
  const walk = (node: PlanNode) => {
    if (/Scan/.test(node['Node Type']) && node['Relation Name']) {
      const rows = (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1);
      scans.push(`${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ` on ${node['Relation Name']}`} (${rows} rows)`);
    }
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan.Plan);
  const top = [plan.Plan['Node Type'], ...(plan.Plan.Plans?.[0] ? [plan.Plan.Plans[0]['Node Type']] : [])].join(' → ');
  const seq = scans.some((s) => s.startsWith('Seq Scan')) ? ' **seq scan**' : '';
  return `${top}; ${[...new Set(scans)].join(', ')}; ${plan['Execution Time'].toFixed(1)} ms${seq}`;
}

/** Runs one request while recording the SELECTs it sends through the API's DataSource, then EXPLAINs them. */
async function explainRequest(db: DataSource, url: string, token: string): Promise<string[]> {
  const captured: Array<{ sql: string; params: unknown[] }> = [];
  const original = db.query;
  db.query = (async (sql: string, params?: unknown[], runner?: unknown) => {
    if (/^\s*(SELECT|WITH)/i.test(sql)) captured.push({ sql, params: params ?? [] });
    return (original as (...a: unknown[]) => Promise<unknown>).call(db, sql, params, runner);
  }) as typeof db.query;
  try {
    await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer();
  } finally {
    db.query = original;
  }
  const lines: string[] = [];
  for (const { sql, params } of captured) {
    const [{ 'QUERY PLAN': plan }]: Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }> }> = (await original.call(db, `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params)) as never;
    lines.push(`\`${sql.replace(/\s+/g, ' ').trim().slice(0, 90)}…\`: ${describePlan(plan[0]!)}`);
  }
  return lines;
}

export async function measureReads(db: DataSource, target: LaunchTarget, subjects: number, auditRows: number, requests: number, hashCost: number): Promise<ReadResults> {
  const seedStarted = performance.now();
  const tasks = await seedReads(db, subjects, auditRows);
  const seedMs = performance.now() - seedStarted;
  const people = await personas(db, target, hashCost);
  const api = `${target.baseUrl}/api/v1`;
  const ceiling: ReadCase[] = [{ persona: '—', endpoint: 'GET /health (no auth, no SQL)', ...(await timeRequests(`${target.baseUrl}/health`, null, requests)), plans: [] }];
  const cases: ReadCase[] = [];
  for (const who of people) {
    ceiling.push({ persona: who.persona, endpoint: 'GET /me (auth only)', ...(await timeRequests(`${api}/me`, who.token, requests)), plans: [] });
    const endpoints: Array<[string, string]> = [
      ['GET /tasks', '/tasks'],
      ['GET /tasks/count', '/tasks/count'],
      ['GET /cycles/:id/reviews?unitId=(cell)&step=superior_review', `/cycles/${EXPORT_CYCLE}/reviews?unitId=${who.cell}&step=superior_review`],
      ['GET /cycles/:id/reviews?step=superior_review', `/cycles/${EXPORT_CYCLE}/reviews?step=superior_review`],
      ['GET /cycles/:id/units/:unitId/report (own unit)', `/cycles/${EXPORT_CYCLE}/units/${who.unit}/report`],
      ['GET /cycles/:id/completion (own unit)', `/cycles/${EXPORT_CYCLE}/completion?unitId=${who.unit}`],
      ['GET /audit', '/audit'],
      ['GET /audit?cycleId=', `/audit?cycleId=${EXPORT_CYCLE}`],
      ['GET /audit?unitId=(district)', `/audit?unitId=${who.district}`],
      ['GET /audit?unitId=(cell)', `/audit?unitId=${who.cell}`],
      ['GET /audit?actorId=(cell head)', `/audit?actorId=bh-${who.cell}`],
    ];
    for (const [endpoint, path] of endpoints) {
      const timing = await timeRequests(`${api}${path}`, who.token, requests);
      const plans = timing.status === 200 ? await explainRequest(db, `${api}${path}`, who.token) : [];
      cases.push({ persona: who.persona, endpoint, ...timing, plans });
    }
  }
  return { ceiling, cases, seedMs, subjects, tasks, auditRows };
}
