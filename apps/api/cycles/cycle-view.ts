import type { CycleEntity } from '../../../libs/persistence/entities/index.js';
import { STEPS, type Step } from '../../../libs/domain/enums.js';

export interface CycleProgress {
  subjects: number;
  launched: number;
  byStep: Record<Step, number>;
  completed: number;
  cancelled: number;
  /** Open tasks past their due date. */
  overdue: number;
  /** Reviews of people struck off while the cycle ran: ended, counted nowhere else. */
  withdrawn: number;
}

export interface ProgressRow {
  cycle_id: string;
  step: Step;
  status: string;
  n: string;
}

/** Counts per step of the reviews still open (and `done` for the finished ones). */
export function progressOf(cycle: Pick<CycleEntity, 'subjectsTotal'>, rows: readonly ProgressRow[], overdue = 0): CycleProgress {
  const byStep = Object.fromEntries(STEPS.map((s) => [s, 0])) as Record<Step, number>;
  let launched = 0;
  let cancelled = 0;
  let withdrawn = 0;
  for (const row of rows) {
    const n = Number(row.n);
    launched += n;
    if (row.status === 'open') byStep[row.step] += n;
    else if (row.status === 'done') byStep.done += n;
    else if (row.status === 'withdrawn') withdrawn += n;
    else cancelled += n;
  }
  return { subjects: cycle.subjectsTotal, launched, byStep, completed: byStep.done, cancelled, withdrawn, overdue };
}

export function cycleView(cycle: CycleEntity, progress: CycleProgress) {
  return {
    id: cycle.id,
    year: cycle.year,
    period: cycle.period,
    rootUnitId: cycle.rootUnitId,
    title: cycle.title,
    status: cycle.status,
    superiorReviewerId: cycle.superiorReviewerId,
    policy: cycle.policy,
    cellCriteria: cycle.cellCriteria,
    calendar: cycle.calendar,
    workflowId: cycle.workflowId,
    createdAt: cycle.createdAt.toISOString(),
    createdBy: cycle.createdBy,
    completedAt: cycle.completedAt?.toISOString() ?? null,
    cancelledAt: cycle.cancelledAt?.toISOString() ?? null,
    cancelReason: cycle.cancelReason,
    progress,
  };
}
