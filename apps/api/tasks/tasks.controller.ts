import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '../../../libs/auth/principal.js';
import { TASK_KINDS } from '../../../libs/domain/enums.js';
import type { TaskEntity } from '../../../libs/persistence/entities/index.js';
import { SqlParams } from '../access/sql-params.js';
import { cursorField, cursorParts, decodeCursor, limitField, pageOf } from '../http/pagination.js';
import { Caller } from '../http/principal.decorator.js';
import { ZodPipe } from '../http/zod-pipe.js';
import { ApiQueryOf } from '../openapi/api-query.js';
import { ApiProblems } from '../openapi/api-problems.js';
import { ApiAnswer } from '../openapi/api-answer.js';
import { TaskCountSchema, TaskPageSchema } from './task.responses.js';

const TasksQuery = z.object({
  status: z.enum(['open', 'done']).default('open'),
  cycleId: z.string().max(200).optional().describe('Only the tasks of this cycle. Default: every cycle.'),
  kind: z.enum(TASK_KINDS).optional().describe('Only tasks of this kind. Default: every kind.'),
  limit: limitField,
  cursor: cursorField(z.tuple([cursorParts.instant, cursorParts.id])),
});

type TaskRow = Pick<TaskEntity, 'id' | 'kind' | 'status' | 'subject'> & {
  cycle_id: string;
  review_id: string | null;
  unit_id: string | null;
  due_at: Date | null;
  created_at: Date;
  completed_at: Date | null;
  overdue: boolean | null;
};

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly db: DataSource) {}

  // Declared before any parameterised route so `count` can never be read as a task id.
  @Get('count')
  @ApiProblems()
  @ApiOperation({
    summary: "How many open tasks the caller has, and how many of them are overdue",
    description: 'Counts what `GET /tasks?status=open` lists (a step not open yet is not counted); `overdue` = open tasks past their due date.',
  })
  @ApiAnswer('TaskCount', TaskCountSchema)
  async count(@Caller() caller: Principal): Promise<z.infer<typeof TaskCountSchema>> {
    const [row]: Array<{ open: number; overdue: number }> = await this.db.query(
      `SELECT count(*)::int AS open, (count(*) FILTER (WHERE due_at < now()))::int AS overdue
         FROM tasks WHERE assignee_id = $1 AND status = 'open' AND (opens_at IS NULL OR opens_at <= now())`,
      [caller.actorId],
    );
    return { open: row!.open, overdue: row!.overdue };
  }

  @Get()
  @ApiProblems()
  @ApiOperation({ summary: "The caller's inbox: tasks assigned to them, oldest first", description: '`overdue` is true for an open task past its due date. A step that opens on a calendar date appears when it opens.' })
  @ApiQueryOf(TasksQuery)
  @ApiAnswer('TaskPage', TaskPageSchema)
  async inbox(@Caller() caller: Principal, @Query(new ZodPipe(TasksQuery)) query: z.infer<typeof TasksQuery>): Promise<z.infer<typeof TaskPageSchema>> {
    const p = new SqlParams();
    const after = decodeCursor(query.cursor);
    const filters = [`assignee_id = ${p.add(caller.actorId)}`, `status = ${p.add(query.status)}`];
    // A step that opens on a date (self-assessment) is not in the inbox before that date.
    if (query.status === 'open') filters.push('(opens_at IS NULL OR opens_at <= now())');
    if (query.cycleId) filters.push(`cycle_id = ${p.add(query.cycleId)}`);
    if (query.kind) filters.push(`kind = ${p.add(query.kind)}`);
    if (after) filters.push(`(created_at, id) > (${p.add(after[0])}::timestamptz, ${p.add(after[1])})`);
    const rows: TaskRow[] = await this.db.query(
      `SELECT id, kind, status, subject, cycle_id, review_id, unit_id, due_at, created_at, completed_at,
              (status = 'open' AND due_at < now()) AS overdue
         FROM tasks WHERE ${filters.join(' AND ')} ORDER BY created_at, id LIMIT ${p.add(query.limit + 1)}`,
      p.values,
    );
    return pageOf(rows, query.limit, (t) => [t.created_at.toISOString(), t.id], (t) => ({
      id: t.id,
      kind: t.kind,
      status: t.status,
      cycleId: t.cycle_id,
      reviewId: t.review_id,
      unitId: t.unit_id,
      subject: t.subject,
      dueAt: t.due_at?.toISOString() ?? null,
      overdue: t.overdue === true,
      createdAt: t.created_at.toISOString(),
      completedAt: t.completed_at?.toISOString() ?? null,
    }));
  }
}
