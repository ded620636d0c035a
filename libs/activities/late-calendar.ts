import type { CycleCalendar } from '../domain/calendar.js';
import { CALENDAR_ACTOR } from '../domain/review/review-schedule.js';
import type { ReviewState } from '../domain/review/review-state.js';
import type { ActivityDeps } from './activity-deps.js';
import { forEachBounded } from './bounded-pool.js';
import { signalIfRunning } from './calendar-move.activities.js';

/**
 * Reviews just started whose launch state carries other dates than the cycle's: a calendar move
 * recorded before they started (its sweep found no workflow to tell). Read after the starts, so a
 * move recorded later finds these workflows running and tells them itself.
 */
export async function followLatestCalendar(deps: ActivityDeps, started: ReviewState[]): Promise<void> {
  if (started.length === 0) return;
  const cycleId = started[0]!.cycleId;
  const [cycle]: Array<{ calendar: CycleCalendar }> = await deps.db.query('SELECT calendar FROM cycles WHERE id = $1', [cycleId]);
  const behind = started.filter((s) => s.status === 'open' && !sameCalendar(s.calendar, cycle!.calendar));
  if (behind.length === 0) return;
  const [move]: Array<{ actor_id: string }> = await deps.db.query(
    `SELECT actor_id FROM operations WHERE cycle_id = $1 AND kind = 'calendar_move' ORDER BY started_at DESC LIMIT 1`,
    [cycleId],
  );
  const actorId = move?.actor_id ?? CALENDAR_ACTOR;
  await forEachBounded(behind, deps.startConcurrency, (s) => signalIfRunning(deps, s.workflowId, cycle!.calendar, actorId));
}

/** Same dates, whatever order PostgreSQL gave the keys in. */
function sameCalendar(a: CycleCalendar, b: CycleCalendar): boolean {
  const canonical = (c: CycleCalendar) => JSON.stringify(Object.entries(c).sort(([x], [y]) => (x < y ? -1 : 1)));
  return canonical(a) === canonical(b);
}
