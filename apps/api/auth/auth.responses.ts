import { z } from 'zod';

/** POST /auth/token. */
export const TokenSchema = z.object({ accessToken: z.string(), tokenType: z.literal('Bearer'), expiresIn: z.number().int().describe('Seconds') });

/** POST /auth/session: the token itself is in the HttpOnly cookie. */
export const SessionSchema = z.object({ expiresIn: z.number().int().describe('Seconds'), csrfToken: z.string().describe('Send as X-CSRF-Token with every write') });
