import { z } from 'zod';
import { UNIT_STATUSES } from '../../../libs/domain/enums.js';

/** Where a unit stands in the tree: merged and dissolved units stay stored for their reviews' history. */
export const unitStanding = {
  status: z.enum(UNIT_STATUSES).describe('`active`, or `merged` / `dissolved` by an import (kept for the history of its reviews)'),
  mergedInto: z.string().nullable().describe('The unit a merged unit went into; null otherwise'),
  mergedIntoName: z.string().nullable().describe("That unit's name; null when there is none"),
};
