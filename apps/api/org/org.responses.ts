import { z } from 'zod';
import { POSITIONS, PERSON_STATUSES, UNIT_KINDS } from '../../../libs/domain/enums.js';
import { pageSchema } from '../http/pagination.js';
import { unitStanding } from './unit-standing.schema.js';

// What the registry routes answer, as the OpenAPI document states it.

const created = z.object({ created: z.number().int(), updated: z.number().int() });

export const ImportResultSchema = z.object({ units: created, people: created });

export const UnitListPageSchema = pageSchema(
  z.object({
    id: z.string(),
    parentId: z.string().nullable(),
    name: z.string(),
    kind: z.enum(UNIT_KINDS),
    headId: z.string().nullable(),
    headName: z.string().nullable(),
    childCount: z.number().int(),
    memberCount: z.number().int(),
    ...unitStanding,
  }),
);

export const PersonListPageSchema = pageSchema(
  z.object({
    id: z.string(),
    name: z.string(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    position: z.enum(POSITIONS),
    status: z.enum(PERSON_STATUSES),
  }),
);

export const UnitSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  headId: z.string().nullable(),
  children: z.array(z.string()).describe("The child units' ids"),
  memberCount: z.number().int(),
  ...unitStanding,
});

/** A person of a unit: what each reader may see (README "Who sees what of a person"); a member sees only id, name, unit and position. */
export const UnitPersonPageSchema = pageSchema(
  z.object({
    id: z.string(),
    name: z.string(),
    unitId: z.string(),
    position: z.enum(POSITIONS),
    email: z.string().nullable().optional(),
    discipline: z.array(z.unknown()).optional(),
    status: z.enum(PERSON_STATUSES).optional(),
    hasLogin: z.boolean().optional(),
    roles: z.array(z.object({ role: z.string(), unitId: z.string().nullable() })).optional(),
    managedByUnitId: z.string().nullable().optional().describe("The higher unit whose standing committee manages the person (administrators and auditors); null: none"),
  }),
);
