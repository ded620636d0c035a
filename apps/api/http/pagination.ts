import { z } from 'zod';
import { ValidationError } from '../../../libs/domain/errors.js';
import { isWellFormedText } from './well-formed-text.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export const limitField = z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT);
const CURSOR_MESSAGE = 'not a cursor this API returned';

/**
 * A list's cursor, checked against the shape of that list's sort key (`key`), so a cursor made
 * for another list or by hand is a 400 rather than a query PostgreSQL refuses. Checked with the
 * other query fields, so a bad cursor is listed with them in one 400.
 */
export function cursorField(key: z.ZodType<unknown[]>) {
  return z
    .string()
    .max(2000)
    .refine((c) => c === '' || key.safeParse(cursorKey(c)).success, CURSOR_MESSAGE)
    .optional();
}

/** Sort-key parts as encodeCursor writes them. */
export const cursorParts = {
  id: z.string().min(1).max(200).refine(isWellFormedText),
  instant: z.iso.datetime({ offset: true }),
  seq: z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,18}$/)]),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A page of `item` as the OpenAPI document states it. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last') });
}

/** Cursors are opaque to clients: the sort key of the last item, base64url-encoded JSON. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): unknown[] | null {
  if (cursor === undefined || cursor === '') return null;
  const key = cursorKey(cursor);
  if (key === null) throw new ValidationError([{ path: 'cursor', message: CURSOR_MESSAGE }]);
  return key;
}

function cursorKey(cursor: string): unknown[] | null {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(key) ? key : null;
  } catch {
    return null;
  }
}

/** Fetch `limit + 1` rows, then call this: it trims the extra row and makes the next cursor from the last kept one. */
export function pageOf<R, T>(rows: R[], limit: number, keyOf: (row: R) => unknown[], view: (row: R) => T): Page<T> {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return { items: kept.map(view), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
