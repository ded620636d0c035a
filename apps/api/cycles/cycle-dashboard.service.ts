import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inScope, type Principal } from '../../../libs/auth/principal.js';
import { ForbiddenError, ValidationError } from '../../../libs/domain/errors.js';
import type { ReportStatus, TaskKind, UnitKind, UnitStatus } from '../../../libs/domain/enums.js';
import type { SubjectRef } from '../../../libs/domain/review/review-state.js';
import { percentOf } from '../../../libs/domain/report-counts.js';
import { AccessService } from '../access/access.service.js';
import { decodeCursor, pageOf } from '../http/pagination.js';
import type { OverdueQueryType } from './cycle.schemas.js';
import { CyclesService } from './cycles.service.js';

interface DashboardUnit {
  id: string;
  name: string;
  kind: UnitKind;
  depth: number;
}

interface LevelRow {
  /** The child of the unit whose subtree holds the counted rows; null for the unit itself. */
  child_id: string | null;
  subjects: number;
  done: number;
  overdue: number;
}

interface ChildRow {
  id: string;
  name: string;
  kind: UnitKind;
  child_count: number;
  report_status: ReportStatus | null;
  status: UnitStatus;
  merged_into: string | null;
  merged_into_name: string | null;
}

interface OverdueRow {
  id: string;
  kind: TaskKind;
  review_id: string | null;
  unit_id: string | null;
  subject: SubjectRef | null;
  assignee_id: string;
  assignee_name: string | null;
  due_at: Date;
  late_seconds: number;
}

/**
 * Where a cycle stands, unit by unit, for admins and auditors. A review counts where it is owned
 * (`owner_unit_id`); a task where its review is owned, or, for a report task, at its unit — so a
 * unit's `overdue` is exactly the number of rows `GET /cycles/:id/overdue?unitId=` lists for it.
 */
const OWNING_UNIT_OF_TASK = 'COALESCE(r.owner_unit_id, k.unit_id)';
const TASK_IS_LATE = `k.status = 'open' AND k.due_at < now() AND (k.opens_at IS NULL OR k.opens_at <= now())`;

@Injectable()
export class CycleDashboardService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly cycles: CyclesService,
  ) {}

  /** One level of the completion tree: the unit and each of its children, counted over their whole subtrees in one pass. */
  async completion(principal: Principal, cycleId: string, unitId: string | undefined) {
    const unit = await this.dashboardUnit(principal, cycleId, unitId);
    const [levelRows, children, [report]]: [LevelRow[], ChildRow[], Array<{ status: ReportStatus }>] = await Promise.all([
      this.db.query(
        // ancestor_ids runs root … unit, so position depth+1 of a subtree unit's ancestry is the child it lies under.
        // Read from the counters the triggers keep per (cycle, owning unit) (migration 1765600000000): a row per
        // unit of the subtree, and one per due date for its late tasks. Two joins, not a UNION, so that a small
        // subtree reaches its units' counters through their primary keys and a large one hashes them.
        `WITH subtree AS (SELECT id, ancestor_ids[$3::int + 1] AS child_id FROM units WHERE ancestor_ids @> ARRAY[$2::text]),
         reviewed AS (
           SELECT s.child_id, sum(c.subjects)::int AS subjects, sum(c.done)::int AS done
             FROM subtree s JOIN completion_review_counts c ON c.cycle_id = $1 AND c.unit_id = s.id GROUP BY 1),
         late AS (
           SELECT s.child_id, sum(t.open)::int AS overdue
             FROM subtree s JOIN completion_open_tasks t ON t.cycle_id = $1 AND t.unit_id = s.id AND t.due_at < now() AND t.opens_at <= now()
            GROUP BY 1)
         SELECT child_id, COALESCE(r.subjects, 0) AS subjects, COALESCE(r.done, 0) AS done, COALESCE(l.overdue, 0) AS overdue
           FROM reviewed r FULL JOIN late l USING (child_id)`,
        [cycleId, unit.id, unit.depth],
      ),
      this.db.query(
        // Merged and dissolved children stay listed with where they went: their reviews moved on mid-cycle.
        `SELECT u.id, u.name, u.kind, (SELECT count(*)::int FROM units c WHERE c.parent_id = u.id) AS child_count, rp.status AS report_status,
                u.status, u.merged_into, mi.name AS merged_into_name
           FROM units u LEFT JOIN reports rp ON rp.cycle_id = $1 AND rp.unit_id = u.id LEFT JOIN units mi ON mi.id = u.merged_into
          WHERE u.parent_id = $2 ORDER BY u.name, u.id`,
        [cycleId, unit.id],
      ),
      this.db.query('SELECT status FROM reports WHERE cycle_id = $1 AND unit_id = $2', [cycleId, unit.id]),
    ]);
    const byChild = new Map(levelRows.map((row) => [row.child_id, row]));
    const whole = levelRows.reduce((sum, row) => ({ subjects: sum.subjects + row.subjects, done: sum.done + row.done, overdue: sum.overdue + row.overdue }), { subjects: 0, done: 0, overdue: 0 });
    return {
      unitId: unit.id,
      name: unit.name,
      kind: unit.kind,
      ...completionNumbers(whole),
      reportStatus: report?.status ?? null,
      children: children.map((child) => ({
        unitId: child.id,
        name: child.name,
        kind: child.kind,
        ...completionNumbers(byChild.get(child.id) ?? { subjects: 0, done: 0, overdue: 0 }),
        reportStatus: child.report_status,
        childCount: child.child_count,
        status: child.status,
        mergedInto: child.merged_into,
        mergedIntoName: child.merged_into_name,
      })),
    };
  }

  /** Open tasks past their due date in the unit's subtree, the most late first. */
  async overdue(principal: Principal, cycleId: string, query: OverdueQueryType) {
    const unit = await this.dashboardUnit(principal, cycleId, query.unitId);
    const after = decodeCursor(query.cursor);
    const rows: OverdueRow[] = await this.db.query(
      `SELECT k.id, k.kind, k.review_id, k.unit_id, k.subject, k.assignee_id, a.name AS assignee_name, k.due_at,
              floor(extract(epoch FROM now() - k.due_at))::int AS late_seconds
         FROM tasks k LEFT JOIN reviews r ON r.id = k.review_id
              JOIN units o ON o.id = ${OWNING_UNIT_OF_TASK}
              LEFT JOIN people a ON a.id = k.assignee_id
        WHERE k.cycle_id = $1 AND ${TASK_IS_LATE} AND o.ancestor_ids @> ARRAY[$2::text]
          AND ($3::timestamptz IS NULL OR (k.due_at, k.id) > ($3::timestamptz, $4::text))
        ORDER BY k.due_at, k.id LIMIT $5`,
      [cycleId, unit.id, after?.[0] ?? null, after?.[1] ?? null, query.limit + 1],
    );
    return pageOf(rows, query.limit, (t) => [t.due_at.toISOString(), t.id], (t) => ({
      taskId: t.id,
      kind: t.kind,
      reviewId: t.review_id,
      unitId: t.unit_id,
      subject: t.subject,
      assigneeId: t.assignee_id,
      assigneeName: t.assignee_name,
      dueAt: t.due_at.toISOString(),
      lateSeconds: t.late_seconds,
    }));
  }

  /** The cycle (404 when unseen), then the unit asked for (root by default): in the cycle (else 400), in the caller's admin/auditor scope (else 403). */
  private async dashboardUnit(principal: Principal, cycleId: string, unitId: string | undefined): Promise<DashboardUnit> {
    const cycle = await this.cycles.findVisible(principal, cycleId);
    const id = unitId ?? cycle.rootUnitId;
    const [unit]: Array<DashboardUnit & { ancestor_ids: string[] }> = await this.db.query(
      `SELECT id, name, kind, ancestor_ids, cardinality(ancestor_ids) AS depth FROM units WHERE id = $1 AND ancestor_ids @> ARRAY[$2::text]`,
      [id, cycle.rootUnitId],
    );
    if (!unit) throw new ValidationError([{ path: 'unitId', message: `unit '${id}' is not in this cycle` }]);
    if (!inScope(this.access.readScope(principal), unit.ancestor_ids)) {
      throw new ForbiddenError(`Only an administrator or auditor of unit '${id}' may read its completion and overdue tasks.`);
    }
    return { id: unit.id, name: unit.name, kind: unit.kind, depth: unit.depth };
  }
}

function completionNumbers(counts: { subjects: number; done: number; overdue: number }) {
  return { subjects: counts.subjects, done: counts.done, percent: percentOf(counts.done, counts.subjects), overdue: counts.overdue };
}
