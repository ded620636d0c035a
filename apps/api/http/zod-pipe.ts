import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationError, type FieldError } from '../../../libs/domain/errors.js';
import { formatPath } from '../../../libs/domain/field-path.js';

/** Parses a body or query with a zod schema; every issue becomes a field error with its path; a missing query is `{}`. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown, metadata?: ArgumentMetadata): z.infer<S> {
    // A route that validates a body needs one: a missing body is not an empty object.
    if (metadata?.type === 'body' && value === undefined) throw new ValidationError([{ path: '(body)', message: 'a JSON body is required' }]);
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    throw new ValidationError(result.error.issues.flatMap(fieldErrorsOf));
  }
}

/** An unknown key is named by its own path (`targets[0].colour`), not by the object holding it. */
function fieldErrorsOf(issue: z.core.$ZodIssue): FieldError[] {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown field' }));
  return [{ path: formatPath(issue.path), message: issue.message }];
}
