import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { ValidationError } from '../../../libs/domain/errors.js';
import { malformedTextErrors } from './well-formed-text.js';

/**
 * Global: refuses text PostgreSQL cannot store in every body, query and path parameter, before
 * any route's own validation, so no route can forget it. A path parameter is named by its name.
 */
export class WellFormedTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const errors = malformedTextErrors(value, metadata.data ? [metadata.data] : []);
    if (errors.length > 0) throw new ValidationError(errors);
    return value;
  }
}
