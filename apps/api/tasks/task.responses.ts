import { z } from 'zod';
import { TASK_KINDS } from '../../../libs/domain/enums.js';
import { pageSchema } from '../http/pagination.js';
import { SubjectSchema } from '../reviews/review.responses.js';

/** GET /tasks/count, as the OpenAPI document states it. */
export const TaskCountSchema = z.object({ open: z.number().int(), overdue: z.number().int() });

/** One task of the caller's inbox (GET /tasks). */
export const TaskSchema = z.object({
  id: z.string(),
  kind: z.enum(TASK_KINDS),
  status: z.enum(['open', 'done']),
  cycleId: z.string(),
  reviewId: z.string().nullable(),
  unitId: z.string().nullable().describe("The report's unit, for a calibration or report task"),
  subject: SubjectSchema.nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean().describe('An open task past its due date'),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});

export const TaskPageSchema = pageSchema(TaskSchema);
