import { z } from 'zod';
import { ROLES, UNIT_KINDS } from '../../../libs/domain/enums.js';

/** GET /me: who the caller is, for the web app to choose which pages to show. */
export const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  position: z.string().nullable(),
  roles: z.array(z.object({ role: z.enum(ROLES), unitId: z.string().nullable(), unitName: z.string().nullable() })),
  headOf: z.array(z.object({ unitId: z.string(), name: z.string(), kind: z.enum(UNIT_KINDS) })),
});
export type MeView = z.infer<typeof MeSchema>;
