import { z } from 'zod';
import { ValidationError } from '../../../libs/domain/errors.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export const limitField = z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT);
export const cursorField = z.string().max(2000).optional();

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Cursors are opaque to clients: the sort key of the last item, base64url-encoded JSON. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): unknown[] | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key)) return key;
  } catch {
    // fall through
  }
  throw new ValidationError([{ path: 'cursor', message: 'not a cursor this API returned' }]);
}

/** Fetch `limit + 1` rows, then call this: it trims the extra row and makes the next cursor from the last kept one. */
export function pageOf<R, T>(rows: R[], limit: number, keyOf: (row: R) => unknown[], view: (row: R) => T): Page<T> {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return { items: kept.map(view), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
