import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE } from '../http/problem.js';
import { jsonSchemaOf } from './json-schema.js';

/** The one schema of every error answer (RFC 9457), a component every 4xx/5xx response points to. */
export const PROBLEM_COMPONENT = 'Problem';

const ProblemSchema = z.object({
  type: z.string().describe('A URI reference naming the kind of problem, e.g. /problems/validation_failed'),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string(),
  errors: z
    .array(z.object({ path: z.string().describe('The offending field, e.g. targets[2].weight; (body) for the body as a whole'), message: z.string() }))
    .optional()
    .describe('Every offending field (400)'),
  requestId: z.string().describe('Quote it when reporting a problem: the logs and the audit trail carry it'),
});

export const problemComponentSchema = jsonSchemaOf(ProblemSchema);

export function problemContent(): Record<string, { schema: { $ref: string } }> {
  return { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `#/components/schemas/${PROBLEM_COMPONENT}` } } };
}
