import { loadavg } from 'node:os';
import pg from 'pg';
import { readEnvConfig } from '../libs/config/app-config.js';
import { readBenchConfig } from './bench-config.js';

// The completion counters under contention (migration 1765600000000): the members of one cell act
// at once, each action a transaction shaped like a review projection (the review row locked and
// updated, its open task closed, the next one opened at another due date), all counted at the same
// cell. Timed with the counters' triggers and, as the ceiling, without them, on the same database
// in the same run, and with the counters added per statement (as first built: deadlocks possible,
// since members at different steps move tasks between the same due dates in a ring). On the test servers:
//   npm run build && node dist/test/run.js --exec dist/bench/counter-contention.js [members] [actions each] [rounds]

const CYCLE = 'contention-cycle';
const CELL = 'contention-cell';
const members = Number(process.argv[2] ?? 25);
/** BENCH_CONTENTION_MODES=ceiling,at commit,per statement (the default: all three, in that order). */
const modes = readBenchConfig().BENCH_CONTENTION_MODES.split(',') as Mode[];
const actionsEach = Number(process.argv[3] ?? 40);
const DUE = ['2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z'];
const TRIGGERS = [
  ['reviews', 'reviews_completion_insert'],
  ['reviews', 'reviews_completion_update'],
  ['reviews', 'reviews_completion_delete'],
  ['tasks', 'tasks_completion_insert'],
  ['tasks', 'tasks_completion_update'],
  ['tasks', 'tasks_completion_delete'],
];

const pool = new pg.Pool({ connectionString: readEnvConfig().database.url ?? undefined, max: members + 1 });

/** The cell's reviews and tasks afresh, with the counters' triggers on or off from then on (counters from zero). */
async function reset(counted: boolean): Promise<void> {
  await setTriggers(false);
  await pool.query('DELETE FROM tasks WHERE cycle_id = $1', [CYCLE]);
  await pool.query('DELETE FROM reviews WHERE cycle_id = $1', [CYCLE]);
  await pool.query('DELETE FROM completion_review_counts WHERE cycle_id = $1', [CYCLE]);
  await pool.query('DELETE FROM completion_open_tasks WHERE cycle_id = $1', [CYCLE]);
  if (counted) await setTriggers(true);
  await pool.query(
    `INSERT INTO reviews (id, cycle_id, workflow_id, subject_type, subject_id, subject_name, unit_id, owner_unit_id, reviewer_id, self_actor_id, step, status, version, state)
     SELECT 'cr-' || m, $1, 'cr-' || m, 'person', 'cp-' || m, 'Member', $2, $2, 'head', 'cp-' || m, 'target_assignment', 'open', 1, '{}' FROM generate_series(1, $3) m`,
    [CYCLE, CELL, members],
  );
  await pool.query(
    `INSERT INTO tasks (id, assignee_id, kind, cycle_id, review_id, unit_id, status, due_at, created_at)
     SELECT 'ct-' || m || '-0', 'head', 'review', $1, 'cr-' || m, $2, 'open', $3, now() FROM generate_series(1, $4) m`,
    [CYCLE, CELL, DUE[0], members],
  );
}

type Mode = 'ceiling' | 'at commit' | 'per statement';
let deadlocks = 0;

/** One action; retried after a deadlock (counted), as Temporal would retry the projection. */
async function act(member: number, step: number, mode: Mode): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      await attempt(member, step, mode);
      return performance.now() - started;
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01') throw error;
      deadlocks++;
    }
  }
}

async function attempt(member: number, step: number, mode: Mode): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // The counters as first built: each statement adding its own changes at once.
    if (mode === 'per statement') await client.query('SET CONSTRAINTS completion_pending_apply IMMEDIATE');
    const review = `cr-${member}`;
    await client.query('SELECT 1 FROM reviews WHERE id = $1 FOR UPDATE', [review]);
    await client.query(`UPDATE reviews SET version = version + 1, updated_at = now() WHERE id = $1`, [review]);
    await client.query(`UPDATE tasks SET status = 'done', completed_at = now() WHERE review_id = $1 AND status = 'open'`, [review]);
    await client.query(
      `INSERT INTO tasks (id, assignee_id, kind, cycle_id, review_id, unit_id, status, due_at, created_at) VALUES ($1, 'head', 'review', $2, $3, $4, 'open', $5, now())`,
      [`ct-${member}-${step}`, CYCLE, review, CELL, DUE[step % DUE.length]],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function run(round: number, mode: Mode): Promise<void> {
  await reset(mode !== 'ceiling');
  deadlocks = 0;
  const load = loadavg()[0];
  const started = performance.now();
  const times = (
    await Promise.all(
      Array.from({ length: members }, async (_, i) => {
        const own: number[] = [];
        for (let step = 1; step <= actionsEach; step++) own.push(await act(i + 1, step, mode));
        return own;
      }),
    )
  ).flat();
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!.toFixed(1);
  console.log(
    `round ${round}, ${mode === 'ceiling' ? 'ceiling (no counters)' : `counters added ${mode}`}: ${times.length} actions by ${members} members of one cell in ${seconds.toFixed(1)} s = ${(times.length / seconds).toFixed(0)}/s; ` +
      `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms; ${deadlocks} deadlocks retried; load ${load.toFixed(2)} → ${loadavg()[0].toFixed(2)}`,
  );
}

async function setTriggers(enabled: boolean): Promise<void> {
  for (const [table, trigger] of TRIGGERS) await pool.query(`ALTER TABLE ${table} ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER ${trigger}`);
}

try {
  for (let round = 1; round <= Number(process.argv[4] ?? 2); round++) {
    for (const mode of modes) await run(round, mode);
  }
  const [row] = (await pool.query(`SELECT sum(open)::int AS open FROM completion_open_tasks WHERE cycle_id = $1`, [CYCLE])).rows;
  console.log(`open tasks counted at the cell after the last round: ${row.open} (expected ${members})`);
} finally {
  await setTriggers(true);
  await pool.end();
}
