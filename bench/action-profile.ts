import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import type { AccessTokens } from '../libs/auth/access-tokens.js';
import { call, waitUntilRunning, type LaunchTarget } from './cycle-launch.js';
import { ascending, percentile, runConcurrently } from './measure.js';
import { SYNTHETIC_ROOT_UNIT, syntheticProvince } from './synthetic-province.js';

// (k) people's actions through the HTTP API, as a December of self-assessments would send them:
// a cycle over the synthetic province, then every review's targets, self-assessment and superior
// review, each step over all reviews with a fixed number of requests in flight. Every answer's
// Server-Timing header says where its time went (principal load, audit entry, idempotency record,
// review read, Workflow Update), so the table shows the split next to the latency.

export interface ActionStep {
  step: string;
  n: number;
  ms: number;
  p50Ms: number;
  p99Ms: number;
  /** Phase name → its p50 and mean in ms, from the answers' Server-Timing headers. */
  phases: Map<string, { p50Ms: number; meanMs: number }>;
  failures: number;
  /** The first refusal, to say why. */
  firstFailure?: string;
}

/** One pass of (k) over its own cycle, in one arrangement of the processes. */
export interface ActionRun {
  label: string;
  steps: ActionStep[];
}

interface ReviewRow {
  id: string;
  reviewer_id: string;
  self_actor_id: string;
}

const STEPS = [
  { step: 'targets', path: 'targets', actor: (r: ReviewRow) => r.reviewer_id, body: () => ({ targets: [{ title: 'Nhiệm vụ năm', weight: 100 }] }) },
  {
    step: 'self-assessment',
    path: 'self-assessment',
    actor: (r: ReviewRow) => r.self_actor_id,
    body: () => ({ results: [{ targetIndex: 0, achievement: 90 }], generalScore: 26, proposedClassification: 'good', summary: 'Hoàn thành kế hoạch' }),
  },
  { step: 'superior review', path: 'review', actor: (r: ReviewRow) => r.reviewer_id, body: () => ({ decision: 'approve', classification: 'good', comment: 'Đồng ý' }) },
] as const;

/** Launches a cycle over a synthetic province of about `subjects`, then sends the three steps with `inFlight` requests at a time. */
export async function measureActions(db: DataSource, target: LaunchTarget, tokens: AccessTokens, subjects: number, inFlight: number, timeoutMs: number, diagnose = false): Promise<ActionStep[]> {
  const registry = syntheticProvince(subjects);
  await call(target, 'POST', '/org/import', registry);
  // Everyone who acts gets an account; tokens are minted directly (sign-in is measured elsewhere).
  await db.query(
    `INSERT INTO accounts (id, username, password_hash, person_id, roles, created_at, updated_at)
     SELECT p.id, p.id, NULL, p.id, '[]'::jsonb, now(), now() FROM people p JOIN units u ON u.id = p.unit_id
      WHERE u.ancestor_ids @> ARRAY[$1]::text[] ON CONFLICT (id) DO NOTHING`,
    [SYNTHETIC_ROOT_UNIT],
  );
  const year = 2101 + Math.floor(Math.random() * 99); // a year of its own: a rerun on the same data launches a new cycle
  // Every step open now and due months ahead: no reminder or step opening lands during the run.
  const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const calendar = { targetsDueAt: at(300), selfAssessmentOpensAt: at(-1), selfAssessmentDueAt: at(310), reviewDueAt: at(320), remediationDueAt: at(330), reportDueAt: at(330) };
  const cycle = await call<{ id: string }>(target, 'POST', '/cycles', { year, rootUnitId: SYNTHETIC_ROOT_UNIT, title: `Benchmark: actions ${year}`, calendar });
  await waitUntilRunning(target, cycle.id, timeoutMs, 200);
  const reviews: ReviewRow[] = await db.query(`SELECT id, reviewer_id, self_actor_id FROM reviews WHERE cycle_id = $1 AND status = 'open' ORDER BY id`, [cycle.id]);
  const tokenOf = new Map<string, string>();
  for (const id of new Set(reviews.flatMap((r) => [r.reviewer_id, r.self_actor_id]))) tokenOf.set(id, await tokens.issue(id));

  const results: ActionStep[] = [];
  for (const step of STEPS) {
    const timings: Array<Map<string, number>> = [];
    let failures = 0;
    let firstFailure: string | undefined;
    const diag = diagnose ? startDiag(db) : null;
    const started = performance.now();
    const latencies = await runConcurrently(reviews.length, inFlight, async (i) => {
      const review = reviews[i]!;
      const res = await fetch(`${target.baseUrl}/api/v1/reviews/${review.id}/${step.path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokenOf.get(step.actor(review))}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify(step.body()),
      });
      const text = await res.text();
      if (res.status !== 200) {
        failures++;
        firstFailure ??= `${res.status} ${text.slice(0, 300)}`;
      }
      else timings.push(parseServerTiming(res.headers.get('server-timing') ?? ''));
    });
    const ms = performance.now() - started;
    if (diag) await diag.stop(step.step);
    results.push({ step: step.step, n: reviews.length, ms, ...quantiles(latencies), phases: phaseSummary(timings), failures, firstFailure });
  }
  return results;
}

function parseServerTiming(header: string): Map<string, number> {
  const phases = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, dur] = part.trim().split(';dur=');
    if (name && dur) phases.set(name, (phases.get(name) ?? 0) + Number(dur));
  }
  return phases;
}

function phaseSummary(timings: Array<Map<string, number>>): ActionStep['phases'] {
  const names = [...new Set(timings.flatMap((t) => [...t.keys()]))];
  return new Map(
    names.map((name) => {
      const values = ascending(timings.map((t) => t.get(name) ?? 0));
      return [name, { p50Ms: percentile(values, 0.5), meanMs: values.reduce((a, b) => a + b, 0) / Math.max(1, values.length) }];
    }),
  );
}

function quantiles(latencies: number[]): { p50Ms: number; p99Ms: number } {
  const sorted = ascending(latencies);
  return { p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99) };
}

// BENCH_DIAG=1: during each step, samples pg_stat_activity every 100 ms (busy backends by state, wait
// and query) and diffs the Temporal dev server's Prometheus counters (history writes, workflow
// tasks, history reads…); both printed to stderr. How the afternoon reading of (k) found its limit.
function startDiag(db: DataSource) {
  let running = true;
  const waits = new Map<string, number>();
  let samples = 0;
  const loop = (async () => {
    while (running) {
      const rows: Array<{ state: string; wait: string; q: string }> = await db.query(
        `SELECT state, coalesce(wait_event_type || ':' || wait_event, 'cpu') AS wait, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS q
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
      );
      samples++;
      for (const r of rows) {
        const k = `${r.state} | ${r.wait} | ${r.q}`;
        waits.set(k, (waits.get(k) ?? 0) + 1);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const metricsBefore = scrapeTemporalMetrics();
  return {
    async stop(step: string) {
      running = false;
      await loop;
      console.error(`DIAG ${step}: ${samples} pg samples; busy backends per sample by state|wait|query:`);
      for (const [k, n] of [...waits].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.error(`DIAG   ${(n / samples).toFixed(2)}  ${k}`);
      const [before, after] = await Promise.all([metricsBefore, scrapeTemporalMetrics()]);
      const diffs = [...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const).filter(([k, d]) => d > 0 && /^(service_requests|persistence_requests|persistence_latency_count|task_requests)\{/.test(k));
      for (const [k, d] of diffs.sort((a, b) => b[1] - a[1]).slice(0, 60)) console.error(`DIAG   temporal ${d}  ${k.replace(/service_name="[^"]*",?/, '')}`);
    },
  };
}

/** The counters of the Temporal dev server this process started (its child with --metrics-port), summed over the labels that only split them. */
async function scrapeTemporalMetrics(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid || !cmd.includes('start-dev')) continue;
      const port = cmd[cmd.indexOf('--metrics-port') + 1];
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      for (const line of text.split('\n')) {
        if (line.startsWith('#') || !line) continue;
        const i = line.lastIndexOf(' ');
        const name = line.slice(0, i).replace(/,?(namespace|namespace_state|otel_scope_name|otel_scope_version|service_name|persistence_driver|persistence_shard|task_type|taskqueue|partition|worker_build_id|namespace_id)="[^"]*"/g, '');
        out.set(name, (out.get(name) ?? 0) + Number(line.slice(i + 1)));
      }
    } catch {
      // gone, or not ours
    }
  }
  return out;
}
