import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { call, waitUntilRunning, type LaunchTarget } from './cycle-launch.js';
import { directoryMiB, pssMiB, type ProcessGroup } from './process-memory.js';
import { untilReviewsAnswer, type Readiness } from './reviews-ready.js';
import { syntheticProvince } from './synthetic-province.js';

// (m) goal 2 and 6 of issue #11: cycles of growing size launched one after another on one stack
// (npm start's arrangement), each over a province of its own; after each, how long it took to be
// `running`, and the memory and disk of the whole stack with every review launched so far open.

export interface SweepPoint {
  subjects: number;
  launchMs: number;
  /** After `running`: until a sample of its reviews answers (their first workflow task ran). */
  ready: Readiness;
  openReviews: number;
  /** PSS in MiB by process group, in the order given. */
  memory: Array<{ name: string; mib: number }>;
  diskMiB: number;
}

export async function measureLaunchSweep(
  db: DataSource,
  temporal: Client,
  target: LaunchTarget,
  sizes: readonly number[],
  timeoutMs: number,
  processes: () => Promise<ProcessGroup[]>,
  dataDir: string,
  progress: (line: string) => void,
): Promise<SweepPoint[]> {
  const points: SweepPoint[] = [];
  for (const [i, size] of sizes.entries()) {
    const root = `sweep-${i + 1}-province`;
    await call(target, 'POST', '/org/import', syntheticProvince(size, root));
    const started = performance.now();
    // Every step due months ahead: no reminder fires while the sweep runs.
    const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const calendar = { targetsDueAt: at(300), selfAssessmentOpensAt: at(301), selfAssessmentDueAt: at(310), reviewDueAt: at(320), remediationDueAt: at(330), reportDueAt: at(330) };
    const created = await call<{ id: string }>(target, 'POST', '/cycles', { year: 2101 + Math.floor(Math.random() * 99), rootUnitId: root, title: `Benchmark: sweep ${size}`, calendar });
    const cycle = await waitUntilRunning(target, created.id, timeoutMs, 500);
    const launchMs = performance.now() - started;
    const ready = await untilReviewsAnswer(temporal, db, created.id, timeoutMs);
    // Let the tail settle (archive, report rows) before reading memory.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const [{ open }]: Array<{ open: number }> = await db.query(`SELECT count(*)::int AS open FROM reviews WHERE status = 'open'`);
    const memory = await Promise.all((await processes()).map(async (g) => ({ name: g.name, mib: await pssMiB(g.pids) })));
    const point = { subjects: cycle.progress.subjects, launchMs, ready, openReviews: open, memory, diskMiB: await directoryMiB(dataDir) };
    progress(`  ${point.subjects} subjects running after ${Math.round(launchMs / 1000)} s (${((point.subjects * 1000) / launchMs).toFixed(1)}/s), sampled reviews answer ${(ready.readyAfterMs / 1000).toFixed(1)} s later; ${open} open reviews; ${memory.map((m) => `${m.name} ${Math.round(m.mib)}`).join(', ')} MiB; disk ${Math.round(point.diskMiB)} MiB`);
    points.push(point);
  }
  return points;
}
