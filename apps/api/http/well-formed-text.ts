import type { FieldError } from '../../../libs/domain/errors.js';
import { formatPath } from '../../../libs/domain/field-path.js';

// PostgreSQL refuses U+0000 in text and jsonb (22P05/22021) and a lone surrogate cannot be
// encoded as UTF-8: such text would pass validation and fail only once a workflow acted on it.
const MALFORMED = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const MALFORMED_TEXT_MESSAGE = 'must not contain U+0000 or unpaired surrogates';
/** The same rule as the OpenAPI document states it (a JSON text cannot carry an unpaired surrogate to most clients). */
export const WELL_FORMED_TEXT_PATTERN = '^[^\\u0000]*$';

// Secrets are only hashed, never stored as text; refusing them could lock out an existing login.
export const SECRET_KEYS = new Set(['password']);

export function isWellFormedText(text: string): boolean {
  return !MALFORMED.test(text);
}

/** Every string (and object key) in a parsed body, query or path parameter that PostgreSQL could not store, by its path. */
export function malformedTextErrors(value: unknown, path: PropertyKey[] = []): FieldError[] {
  if (typeof value === 'string') return isWellFormedText(value) ? [] : [{ path: formatPath(path), message: MALFORMED_TEXT_MESSAGE }];
  if (Array.isArray(value)) return value.flatMap((item, i) => malformedTextErrors(item, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    if (!isWellFormedText(key)) return [{ path: formatPath(path), message: `a field name ${MALFORMED_TEXT_MESSAGE}` }];
    return SECRET_KEYS.has(key) ? [] : malformedTextErrors(item, [...path, key]);
  });
}
