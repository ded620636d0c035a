import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { BenchConfig } from './bench-config.js';
import { call, login, waitUntilRunning, type LaunchTarget } from './cycle-launch.js';
import { ascending, percentile, runConcurrently } from './measure.js';
import { SYNTHETIC_ROOT_UNIT, syntheticProvince } from './synthetic-province.js';
import { measureUpdateCeiling } from './temporal-throughput.js';

// (l) a reminder wave: every review of a synthetic cycle is reminded at the same instant while
// people keep assigning targets. Interactive latency before vs during the wave, how late the
// reminders were recorded, and the engine's bare update rate measured in the same run.

const STREAM_LANES = 4;
/** Each lane starts an assignment at most this often, so the stream does not use up the reviews. */
const STREAM_PACE_MS = 2000;
/** Communes whose secretary gets a login and assigns targets to the commune's members. */
const STREAM_COMMUNES = 40;
/** Quiet time between the cycle running and the stream's first assignment. */
const SETTLE_MS = 30_000;
const STREAM_PASSWORD = 'bench-wave-password';
/**
 * "During the wave" lasts at least this long from the reminders' time: a wave written in a second
 * (one sweep of the cycle, since cycle-notice-sweep-v1) would otherwise leave no assignment in it,
 * while its after-effects (the outbox dispatcher delivering the notices) last longer.
 */
const MIN_DURING_MS = 60_000;
const targets = { targets: [{ title: 'Tasks of the year', weight: 100 }] };

export interface WaveResults {
  subjects: number;
  launchMs: number;
  /** Bare update round trips per second on the same server, before the wave. */
  ceilingPerSecond: number;
  before: Latencies;
  during: Latencies;
  reminders: number;
  /** Recorded time (outbox row, history entry) minus the reminder's time. */
  outboxLateness: { p50Ms: number; maxMs: number };
  historyLateness: { p50Ms: number; maxMs: number };
  /** From the reminders' time until the last one is in a review's history. */
  waveMs: number;
}

export interface Latencies {
  n: number;
  /** Assignments refused (the API's 503 when Temporal did not answer in time). */
  failed: number;
  p50Ms: number;
  p99Ms: number;
}

interface Action {
  startedAt: number;
  ms: number;
  failed: boolean;
}

export async function measureTimerWave(db: DataSource, admin: LaunchTarget, temporalAddress: string, settings: BenchConfig, progress: (msg: string) => void): Promise<WaveResults> {
  const subjects = settings.BENCH_WAVE_SUBJECTS;
  const registry = syntheticProvince(subjects);
  // A few commune secretaries can sign in: they are the people acting during the wave.
  const actors = registry.people.filter((p) => p.position === 'secretary' && /-g\d+$/.test(p.unitId)).slice(0, STREAM_COMMUNES);
  for (const actor of actors) Object.assign(actor, { username: actor.id, password: STREAM_PASSWORD });
  await call(admin, 'POST', '/org/import', registry);
  const clients = new Map<string, LaunchTarget>();
  for (const actor of actors) clients.set(actor.id, { baseUrl: admin.baseUrl, token: await login(admin.baseUrl, actor.id, STREAM_PASSWORD) });

  // Every review's target task is reminded at `waveAt`: due two hours later, reminded two hours before.
  const waveAt = Date.now() + settings.BENCH_WAVE_LEAD_SECONDS * 1000;
  const dueAt = waveAt + 7200_000;
  const day = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const calendar = {
    targetsDueAt: iso(dueAt),
    selfAssessmentOpensAt: iso(dueAt + 300 * day),
    selfAssessmentDueAt: iso(dueAt + 310 * day),
    reviewDueAt: iso(dueAt + 320 * day),
    remediationDueAt: iso(dueAt + 330 * day),
    reportDueAt: iso(dueAt + 330 * day),
    remindBeforeSeconds: 7200,
  };
  const launchStarted = performance.now();
  const cycle = await call<{ id: string }>(admin, 'POST', '/cycles', { year: new Date().getUTCFullYear() + 1, rootUnitId: SYNTHETIC_ROOT_UNIT, title: 'Benchmark: reminder wave', calendar });
  const total = (await waitUntilRunning(admin, cycle.id, settings.BENCH_LAUNCH_TIMEOUT_SECONDS * 1000, 500)).progress.subjects;
  const launchMs = performance.now() - launchStarted;
  progress(`  launched ${total} reviews in ${Math.round(launchMs / 1000)} s; reminders due at ${iso(waveAt)}`);

  if (Date.now() > waveAt - 10_000) throw new Error(`launch took too long: raise BENCH_WAVE_LEAD_SECONDS (now ${settings.BENCH_WAVE_LEAD_SECONDS})`);
  // The launch's tail (the last reviews' first workflow tasks) settles before the stream's baseline starts.
  await sleep(Math.max(0, Math.min(SETTLE_MS, waveAt - Date.now() - 60_000)));

  const pool: Array<{ id: string; reviewer_id: string }> = await db.query(
    `SELECT id, reviewer_id FROM reviews WHERE cycle_id = $1 AND reviewer_id = ANY($2) AND step = 'target_assignment' ORDER BY id`,
    [cycle.id, actors.map((a) => a.id)],
  );

  // The stream runs from now until every reminder is recorded.
  const actions: Action[] = [];
  let stopped = false;
  const lane = async () => {
    while (!stopped) {
      const review = pool.shift();
      if (!review) return;
      const startedAt = Date.now();
      // A refused assignment (503 when Temporal does not answer in time) counts with the time the person waited.
      const failed = await call(clients.get(review.reviewer_id)!, 'POST', `/reviews/${review.id}/targets`, targets).then(
        () => false,
        () => true,
      );
      actions.push({ startedAt, ms: Date.now() - startedAt, failed });
      await sleep(Math.max(0, STREAM_PACE_MS - (Date.now() - startedAt)));
    }
  };
  const stream = Promise.all(Array.from({ length: STREAM_LANES }, lane));
  let remaining = Infinity;
  try {
    const deadline = waveAt + settings.BENCH_LAUNCH_TIMEOUT_SECONDS * 1000;
    while (remaining > 0 || Date.now() < waveAt + MIN_DURING_MS) {
      await sleep(2000);
      remaining = Date.now() < waveAt ? Infinity : await unreminded(db, cycle.id);
      if (Date.now() > deadline) throw new Error(`${remaining} reviews still not reminded at the deadline`);
      if (Date.now() >= waveAt && remaining > 0) progress(`  wave: ${remaining} reviews not reminded yet, ${Math.round((Date.now() - waveAt) / 1000)} s after`);
    }
  } finally {
    stopped = true;
    await stream;
  }

  // Over the reviews nobody acted on: a stream review assigned while its reminder went out has the
  // outbox row but, rightly, no reminder on the task it no longer has.
  // The engine's bare rate on the same server, once the wave is over (before it, it would shorten the stream's baseline).
  const ceilingPerSecond = (await measureUpdateCeiling(temporalAddress, settings)).perSecond ?? 0;
  progress(`  engine ceiling: ${Math.round(ceilingPerSecond)} update round trips/s`);

  for (const slow of [...actions].sort((a, b) => b.ms - a.ms).slice(0, 5)) {
    progress(`  slow assignment: ${Math.round(slow.ms)} ms${slow.failed ? ' (refused)' : ''}, started ${Math.round((slow.startedAt - waveAt) / 1000)} s from the reminders' time`);
  }

  const lateness = async (sql: string) => {
    const rows: Array<{ ms: number }> = await db.query(sql, [cycle.id, iso(waveAt), actors.map((a) => a.id)]);
    const sorted = ascending(rows.map((r) => Number(r.ms)));
    return { n: sorted.length, p50Ms: percentile(sorted, 0.5), maxMs: sorted.at(-1) ?? 0 };
  };
  const outbox = await lateness(
    `SELECT EXTRACT(EPOCH FROM (o.created_at - $2::timestamptz)) * 1000 AS ms FROM outbox o JOIN reviews r ON r.id = o.review_id
      WHERE o.cycle_id = $1 AND o.kind = 'reminder' AND r.reviewer_id <> ALL($3)`,
  );
  // The history's reminders: swept ones (review_notices, cycles created since cycle-notice-sweep-v1)
  // and those a review recorded itself (review_events); readReviewHistory shows both.
  const history = await lateness(
    `SELECT EXTRACT(EPOCH FROM (n.at - $2::timestamptz)) * 1000 AS ms
       FROM (SELECT e.review_id, e.at FROM review_events e WHERE e.type = 'task.reminded'
             UNION ALL SELECT x.review_id, x.at FROM review_notices x WHERE x.kind = 'reminder') n
       JOIN reviews r ON r.id = n.review_id
      WHERE r.cycle_id = $1 AND r.reviewer_id <> ALL($3)`,
  );
  if (outbox.n !== history.n) throw new Error(`${outbox.n} reminders in the outbox but ${history.n} in review histories`);
  const waveEnd = waveAt + Math.max(history.maxMs, MIN_DURING_MS);
  return {
    subjects: total,
    launchMs,
    ceilingPerSecond,
    before: latencies(actions.filter((a) => a.startedAt < waveAt)),
    during: latencies(actions.filter((a) => a.startedAt >= waveAt && a.startedAt <= waveEnd)),
    reminders: history.n,
    outboxLateness: { p50Ms: outbox.p50Ms, maxMs: outbox.maxMs },
    historyLateness: { p50Ms: history.p50Ms, maxMs: history.maxMs },
    waveMs: history.maxMs,
  };
}

/** Open target tasks whose review has no reminder in its history yet (stored or swept). */
async function unreminded(db: DataSource, cycleId: string): Promise<number> {
  const [{ n }]: Array<{ n: string }> = await db.query(
    `SELECT count(*) AS n FROM reviews r WHERE r.cycle_id = $1 AND r.status = 'open' AND r.step = 'target_assignment'
       AND NOT EXISTS (SELECT 1 FROM review_events e WHERE e.review_id = r.id AND e.type = 'task.reminded')
       AND NOT EXISTS (SELECT 1 FROM review_notices x WHERE x.review_id = r.id AND x.kind = 'reminder')`,
    [cycleId],
  );
  return Number(n);
}



function latencies(actions: Action[]): Latencies {
  const sorted = ascending(actions.map((a) => a.ms));
  return { n: sorted.length, failed: actions.filter((a) => a.failed).length, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99) };
}

