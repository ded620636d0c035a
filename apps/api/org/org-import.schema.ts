import { z } from 'zod';
import { DISCIPLINE_LEVELS, PERSON_STATUSES, POSITIONS, ROLES, UNIT_KINDS } from '../../../libs/domain/enums.js';

const id = z.string().trim().min(1).max(200);
const text = z.string().trim().min(1).max(500);

export const UnitImportSchema = z.strictObject({
  id,
  parentId: id.nullable(),
  name: text,
  kind: z.enum(UNIT_KINDS),
  mergedInto: id
    .nullish()
    .describe(
      "The unit this one is merged into: its open reviews go to that unit's head. Its people and child units must be moved out (by this import or before). Omitted: the unit keeps its stored status (a new unit is active).",
    ),
  dissolved: z
    .boolean()
    .nullish()
    .describe(
      "true dissolves the unit: its own collective review ends as withdrawn. Its people and child units must be moved out (by this import or before). Omitted or false: the unit keeps its stored status.",
    ),
});

export const PersonImportSchema = z.strictObject({
  id,
  name: text,
  unitId: id,
  position: z.enum(POSITIONS),
  email: z.email().max(320).nullish(),
  username: z.string().trim().min(1).max(200).nullish(),
  password: z.string().max(1000).nullish(),
  roles: z.array(z.strictObject({ role: z.enum(ROLES), unitId: id })).max(50).nullish(),
  discipline: z
    .array(
      z.strictObject({
        year: z.number().int().min(1900).max(2200),
        level: z.enum(DISCIPLINE_LEVELS),
        selfDetected: z.boolean().nullish().describe('The violation was self-detected and remedied: it does not count against the person. Default false.'),
        dutyRelated: z
          .boolean()
          .nullish()
          .describe("A violation in the performance of duty: under reg-366-2025 version 2 the person's unit, as a collective, is not_completed that year. Default false."),
      }),
    )
    .max(100)
    .nullish(),
  managedByUnitId: id
    .nullish()
    .describe(
      "The higher unit whose standing committee manages the person (reg 366 Art. 10–11): its head reviews the person's classification after the normal deciding review. Must be an active unit above the unit whose head decides the person's review. Omitted: the stored value stays (a new person has none); null: none.",
    ),
  status: z
    .enum(PERSON_STATUSES)
    .nullish()
    .describe("'struck_off' ends the person's open reviews as withdrawn. Omitted: a new person is active, a stored one keeps their status."),
});

export const OrgImportSchema = z.strictObject({
  units: z.array(UnitImportSchema).max(200_000).default([]),
  people: z.array(PersonImportSchema).max(1_000_000).default([]),
});

export type OrgImportBody = z.infer<typeof OrgImportSchema>;
