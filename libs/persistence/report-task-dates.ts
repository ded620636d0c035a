import type { EntityManager } from 'typeorm';
import type { CycleCalendar } from '../domain/calendar.js';
import { reportDueAtFor } from '../domain/report-due-dates.js';

type Queryable = Pick<EntityManager, 'query'>;

/** When this unit's report tasks (calibrate, submit_report) are due: its level's date (report-due-dates.ts). */
export async function reportDueAtOfUnit(db: Queryable, calendar: CycleCalendar, unitId: string): Promise<string> {
  const [unit]: Array<{ kind: Parameters<typeof reportDueAtFor>[1] }> = await db.query(`SELECT kind FROM units WHERE id = $1`, [unitId]);
  return reportDueAtFor(calendar, unit?.kind ?? 'other');
}

/**
 * After a calendar move: every open report task of the cycle takes its unit's level's date, or
 * `reportDueAt` for a level without one (the same rule as `reportDueAtFor`, in one statement).
 */
export async function moveOpenReportTasks(db: Queryable, cycleId: string, calendar: CycleCalendar): Promise<void> {
  await db.query(
    `UPDATE tasks t SET due_at = COALESCE(($2::jsonb ->> u.kind)::timestamptz, $3::timestamptz)
       FROM units u
      WHERE u.id = t.unit_id AND t.cycle_id = $1 AND t.status = 'open' AND t.kind IN ('submit_report', 'calibrate')`,
    [cycleId, JSON.stringify(calendar.reportDueAtByKind ?? {}), calendar.reportDueAt],
  );
}
