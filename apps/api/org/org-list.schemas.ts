import { z } from 'zod';
import { cursorField, cursorParts, limitField } from '../http/pagination.js';

const id = z.string().trim().min(1).max(200);
const searchText = z.string().trim().min(1).max(200);
/** Both registry lists are sorted by name, then id: the cursor is that pair. */
const byNameCursor = cursorField(z.tuple([z.string().max(2000), cursorParts.id]));

export const UnitListQuery = z.object({
  parentId: id.optional().describe("List this unit's children (404 when it is unknown or outside the caller's scope)."),
  q: searchText.optional().describe('Units in scope whose name or id contains this text, case- and accent-insensitive (Vietnamese diacritics, đ = d).'),
  limit: limitField,
  cursor: byNameCursor,
});
export type UnitListQueryType = z.infer<typeof UnitListQuery>;

export const PeopleListQuery = z.object({
  q: searchText.optional().describe('People in scope whose name, id or username contains this text, case- and accent-insensitive.'),
  unitId: id.optional().describe('Only the people of this unit (not its subtree); 404 when it is unknown or outside the scope.'),
  limit: limitField,
  cursor: byNameCursor,
});
export type PeopleListQueryType = z.infer<typeof PeopleListQuery>;
