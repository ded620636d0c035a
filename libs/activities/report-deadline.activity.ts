import type { DataSource } from 'typeorm';
import type { CycleCalendar } from '../domain/calendar.js';

export interface ReportDeadline {
  taskId: string;
  taskKind: 'calibrate' | 'submit_report';
  assigneeId: string;
  unitName: string;
  dueAt: string;
  createdAt: string;
  calendar: Pick<CycleCalendar, 'remindBeforeSeconds' | 'escalateAfterSeconds'>;
}

/**
 * The unit's open report task (calibrate, then submit_report) as the read model has it now, with
 * the cycle's notice settings: the unit workflow re-reads it at every wake-up, so a date moved by
 * an administrator is followed. Null when the unit has no open report task.
 */
export function makeReportDeadline(db: DataSource) {
  return async function reportDeadline(input: { cycleId: string; unitId: string }): Promise<ReportDeadline | null> {
    const [row]: Array<{ id: string; kind: 'calibrate' | 'submit_report'; assignee_id: string; due_at: Date; created_at: Date; name: string; calendar: CycleCalendar }> =
      await db.query(
        `SELECT t.id, t.kind, t.assignee_id, t.due_at, t.created_at, u.name, c.calendar
           FROM tasks t JOIN cycles c ON c.id = t.cycle_id JOIN units u ON u.id = t.unit_id
          WHERE t.cycle_id = $1 AND t.unit_id = $2 AND t.kind IN ('calibrate', 'submit_report') AND t.status = 'open' AND t.due_at IS NOT NULL
          ORDER BY t.created_at DESC LIMIT 1`,
        [input.cycleId, input.unitId],
      );
    if (!row) return null;
    return {
      taskId: row.id,
      taskKind: row.kind,
      assigneeId: row.assignee_id,
      unitName: row.name,
      dueAt: row.due_at.toISOString(),
      createdAt: row.created_at.toISOString(),
      calendar: { remindBeforeSeconds: row.calendar.remindBeforeSeconds, escalateAfterSeconds: row.calendar.escalateAfterSeconds },
    };
  };
}
