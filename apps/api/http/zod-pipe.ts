import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationError, type FieldError } from '../../../libs/domain/errors.js';
import { formatPath } from '../../../libs/domain/field-path.js';

/** Parses a body or query with a zod schema; every issue becomes a field error with its path. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
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
