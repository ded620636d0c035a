import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowIdConflictPolicy, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../libs/auth/principal.js';
import type { ResolvedConfig } from '../../../libs/config/app-config.js';
import { checkCalendar, type CycleCalendar } from '../../../libs/domain/calendar.js';
import { defaultCalendarFor, periodKey, periodLabel, YEAR_PERIOD, type CyclePeriod } from '../../../libs/domain/cycle-period.js';
import { ConflictError, ErrorCode, NotFoundError, ValidationError } from '../../../libs/domain/errors.js';
import { planCycle } from '../../../libs/domain/org/subject-plan.js';
import { cyclePolicy } from './cycle-policy.js';
import { CycleEntity } from '../../../libs/persistence/entities/index.js';
import { loadSubtree } from '../../../libs/persistence/registry-reader.js';
import { cancelCycleUpdate, changeCalendarUpdate } from '../../../libs/temporal/definitions.js';
import { cycleWorkflowId } from '../../../libs/temporal/workflow-ids.js';
import { WORKFLOW_TYPES } from '../../../libs/temporal/workflow-types.js';
import type { OperationStarted, ReviewCycleInput } from '../../../libs/temporal/workflow-inputs.js';
import { AccessService } from '../access/access.service.js';
import { SqlParams } from '../access/sql-params.js';
import { decodeCursor, pageOf } from '../http/pagination.js';
import { throughTemporal } from '../http/temporal-errors.js';
import { CONFIG } from '../http/tokens.js';
import type { CreateCycleBody, ListCyclesQueryType } from './cycle.schemas.js';
import { cycleView, progressOf, type ProgressRow } from './cycle-view.js';

@Injectable()
export class CyclesService {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: Client,
    private readonly access: AccessService,
    @Inject(CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** Plans the cycle over the registry as it stands, records it and starts its workflow. */
  async create(principal: Principal, body: CreateCycleBody) {
    const ancestry = await this.access.ancestryOf(body.rootUnitId);
    if (!ancestry) throw new ValidationError([{ path: 'rootUnitId', message: `unknown unit '${body.rootUnitId}'` }]);
    this.access.requireAdminOf(principal, ancestry, 'launch a cycle for it');
    // A merged or dissolved unit left the tree: it has nothing left to review.
    const [root]: Array<{ status: string }> = await this.db.query('SELECT status FROM units WHERE id = $1', [body.rootUnitId]);
    if (root && root.status !== 'active') throw new ValidationError([{ path: 'rootUnitId', message: `unit '${body.rootUnitId}' is ${root.status}` }]);

    const superiorReviewerId = body.superiorReviewerId ?? null;
    if (superiorReviewerId !== null) {
      const [person] = await this.db.query('SELECT 1 FROM people WHERE id = $1', [superiorReviewerId]);
      if (!person) throw new ValidationError([{ path: 'superiorReviewerId', message: `unknown person '${superiorReviewerId}'` }]);
    }
    const period: CyclePeriod = body.period ?? YEAR_PERIOD;
    const calendar: CycleCalendar = { ...defaultCalendarFor(body.year, period), ...body.calendar };
    const calendarErrors = checkCalendar(calendar);
    if (calendarErrors.length > 0) throw new ValidationError(calendarErrors);

    const key = periodKey(period);
    const duplicate = `A cycle for ${periodLabel(body.year, period)} already exists for unit '${body.rootUnitId}'`;
    const existing = await this.db.getRepository(CycleEntity).findOneBy({ year: body.year, rootUnitId: body.rootUnitId, periodKey: key });
    if (existing) throw new ConflictError(ErrorCode.AlreadyExists, `${duplicate} (${existing.id}).`);

    const plan = planCycle(await loadSubtree(this.db, body.rootUnitId), { rootUnitId: body.rootUnitId, superiorReviewerId });
    if (plan.unstaffed.length > 0) {
      throw new ConflictError(
        ErrorCode.RegistryIncomplete,
        `${plan.unstaffed.length} subject(s) have nobody to review them or to write their self-assessment; import their units' secretaries or name a superiorReviewerId.`,
        plan.unstaffed.slice(0, 100).map((u) => ({ path: `subjects.${u.subjectType}:${u.subjectId}`, message: u.reason })),
      );
    }

    const id = randomUUID();
    const cycle = this.db.getRepository(CycleEntity).create({
      id,
      year: body.year,
      period,
      periodKey: key,
      rootUnitId: body.rootUnitId,
      title: body.title ?? defaultTitle(body.year, period),
      status: 'launching',
      policy: cyclePolicy(body.policy),
      cellCriteria: body.cellCriteria ?? null,
      calendar,
      superiorReviewerId,
      subjectsTotal: plan.subjects,
      // Every cycle created from now on has its reviews' notices sent by one sweep (issue #11 goal 4).
      noticeSweep: true,
      workflowId: cycleWorkflowId(id),
      createdBy: principal.actorId,
      createdAt: new Date(),
      completedAt: null,
      cancelledAt: null,
      cancelReason: null,
    });
    try {
      await this.db.getRepository(CycleEntity).insert(cycle);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ConflictError(ErrorCode.AlreadyExists, `${duplicate}.`);
      throw error;
    }
    try {
      const args: [ReviewCycleInput] = [{ cycleId: id, rootUnitId: body.rootUnitId, noticeSweep: true }];
      await this.temporal.workflow.start(WORKFLOW_TYPES.reviewCycle, {
        taskQueue: this.config.temporal.taskQueue,
        workflowId: cycle.workflowId,
        args,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      });
    } catch (error) {
      // The start may have landed although its answer was lost (a timeout): then the cycle runs.
      if (await this.workflowExists(cycle.workflowId)) return { id, workflowId: cycle.workflowId, status: cycle.status };
      await this.db.getRepository(CycleEntity).delete({ id }); // nothing runs: forget the cycle
      throw error;
    }
    return { id, workflowId: cycle.workflowId, status: cycle.status };
  }

  /** True unless Temporal says there is no such workflow; when it cannot say, assume there is (never delete a running cycle's row). */
  private async workflowExists(workflowId: string): Promise<boolean> {
    try {
      await this.temporal.workflow.getHandle(workflowId).describe();
      return true;
    } catch (error) {
      return !(error instanceof WorkflowNotFoundError);
    }
  }

  async get(principal: Principal, cycleId: string) {
    const cycle = await this.findVisible(principal, cycleId);
    const [progress, overdue] = await Promise.all([this.progress([cycle.id]), this.overdue([cycle.id])]);
    return cycleView(cycle, progressOf(cycle, progress.get(cycle.id) ?? [], overdue.get(cycle.id)));
  }

  async list(principal: Principal, query: ListCyclesQueryType) {
    const p = new SqlParams();
    const after = decodeCursor(query.cursor);
    const filters = [this.visibility(principal, p)];
    if (query.status) filters.push(`c.status = ${p.add(query.status)}`);
    if (query.year) filters.push(`c.year = ${p.add(query.year)}`);
    if (query.periodKind) filters.push(`c.period->>'kind' = ${p.add(query.periodKind)}`);
    if (after) filters.push(`(c.created_at, c.id) < (${p.add(after[0])}::timestamptz, ${p.add(after[1])})`);
    const ids: Array<{ id: string }> = await this.db.query(
      `SELECT c.id FROM cycles c WHERE ${filters.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT ${p.add(query.limit + 1)}`,
      p.values,
    );
    // An empty OR-list would find every cycle: nothing visible means an empty page.
    const cycles = ids.length === 0 ? [] : await this.db.getRepository(CycleEntity).findBy(ids.map((r) => ({ id: r.id })));
    cycles.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    const pageIds = cycles.slice(0, query.limit).map((c) => c.id);
    const [progress, overdue] = await Promise.all([this.progress(pageIds), this.overdue(pageIds)]);
    return pageOf(
      cycles,
      query.limit,
      (c) => [c.createdAt.toISOString(), c.id],
      (c) => cycleView(c, progressOf(c, progress.get(c.id) ?? [], overdue.get(c.id))),
    );
  }

  /** Cancels a cycle: recorded at once, its reviews swept by the operation whose id this answers. */
  async cancel(principal: Principal, cycleId: string, reason: string, updateId: string | undefined): Promise<string | null> {
    const cycle = await this.findVisible(principal, cycleId);
    this.access.requireAdminOf(principal, (await this.access.ancestryOf(cycle.rootUnitId)) ?? [cycle.rootUnitId], 'cancel its cycle');
    const started = await throughTemporal(
      () => this.temporal.workflow.getHandle(cycle.workflowId).executeUpdate(cancelCycleUpdate, { args: [{ actorId: principal.actorId, reason }], updateId }),
      `The cycle is already ${cycle.status}.`,
    );
    return operationIdOf(started);
  }

  /** Moves dates of a running cycle: stored at once, then every open review and report follows (the operation whose id this answers). */
  async changeCalendar(principal: Principal, cycleId: string, change: Partial<CycleCalendar>, updateId: string | undefined): Promise<string | null> {
    const cycle = await this.findVisible(principal, cycleId);
    this.access.requireAdminOf(principal, (await this.access.ancestryOf(cycle.rootUnitId)) ?? [cycle.rootUnitId], 'change its calendar');
    if (cycle.status === 'completed' || cycle.status === 'cancelled') throw new ConflictError(ErrorCode.Closed, `The cycle is already ${cycle.status}.`);
    const calendar: CycleCalendar = { ...cycle.calendar, ...change };
    const errors = checkCalendar(calendar);
    if (errors.length > 0) throw new ValidationError(errors);
    const started = await throughTemporal(
      () => this.temporal.workflow.getHandle(cycle.workflowId).executeUpdate(changeCalendarUpdate, { args: [{ actorId: principal.actorId, calendar }], updateId }),
      `The cycle is already ${cycle.status}.`,
    );
    return operationIdOf(started);
  }

  /** The cycle, if the caller may see it: 404 otherwise. */
  async findVisible(principal: Principal, cycleId: string): Promise<CycleEntity> {
    const p = new SqlParams();
    const [row] = await this.db.query(`SELECT c.id FROM cycles c WHERE c.id = ${p.add(cycleId)} AND ${this.visibility(principal, p)}`, p.values);
    const cycle = row ? await this.db.getRepository(CycleEntity).findOneBy({ id: cycleId }) : null;
    if (!cycle) throw new NotFoundError('Cycle', cycleId);
    return cycle;
  }

  /** Admins and auditors see cycles over or under their scope; others the cycles they take part in. */
  private visibility(principal: Principal, p: SqlParams): string {
    const scope = this.access.readScope(principal);
    if (scope === 'all') return 'TRUE';
    const actor = p.add(principal.actorId);
    const participates = `EXISTS (SELECT 1 FROM reviews r WHERE r.cycle_id = c.id AND (r.subject_id = ${actor} OR r.reviewer_id = ${actor} OR r.self_actor_id = ${actor}))
      OR EXISTS (SELECT 1 FROM tasks t WHERE t.cycle_id = c.id AND t.assignee_id = ${actor})`;
    if (scope.length === 0) return `(${participates})`;
    const roots = p.add(scope);
    return `(EXISTS (SELECT 1 FROM units u WHERE u.id = c.root_unit_id AND u.ancestor_ids && ${roots}::text[])
      OR EXISTS (SELECT 1 FROM units s WHERE s.id = ANY(${roots}::text[]) AND s.ancestor_ids @> ARRAY[c.root_unit_id])
      OR ${participates})`;
  }

  /** Open tasks past their due date, per cycle (a step not open yet is not late). */
  private async overdue(cycleIds: string[]): Promise<Map<string, number>> {
    const rows: Array<{ cycle_id: string; n: number }> = await this.db.query(
      `SELECT cycle_id, count(*)::int AS n FROM tasks
        WHERE cycle_id = ANY($1) AND status = 'open' AND due_at < now() AND (opens_at IS NULL OR opens_at <= now())
        GROUP BY cycle_id`,
      [cycleIds],
    );
    return new Map(rows.map((r) => [r.cycle_id, r.n]));
  }

  private async progress(cycleIds: string[]): Promise<Map<string, ProgressRow[]>> {
    const rows: ProgressRow[] = await this.db.query(
      `SELECT cycle_id, step, status, count(*) AS n FROM reviews WHERE cycle_id = ANY($1) GROUP BY cycle_id, step, status`,
      [cycleIds],
    );
    const byCycle = new Map<string, ProgressRow[]>();
    for (const row of rows) byCycle.set(row.cycle_id, [...(byCycle.get(row.cycle_id) ?? []), row]);
    return byCycle;
  }
}

/** The title of a cycle launched without one: as before for a year; the period named for the others. */
function defaultTitle(year: number, period: CyclePeriod): string {
  return period.kind === 'year' ? `Annual review ${year}` : `Review ${periodLabel(year, period)}`;
}

/** The operation a bulk Update started; none from a cycle whose workflow runs code from before operations. */
function operationIdOf(started: OperationStarted | void): string | null {
  return started ? started.operationId : null;
}
