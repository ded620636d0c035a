import { z } from 'zod';

/** What POST /auth/token and POST /auth/session take. */
export const CredentialsSchema = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) });
export type Credentials = z.infer<typeof CredentialsSchema>;
