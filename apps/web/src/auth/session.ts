import { api } from '../lib/api-client';
import type { ApiBody, ApiSchema } from '../lib/api-types';
import { useAction } from '../lib/use-action';
import { ME_KEY } from './me';

export type Credentials = ApiBody<'SessionController_open'>;

/** Signs in: the server sets the httpOnly session cookie; the page never holds the token. */
export function useSignIn() {
  return useAction<Credentials, ApiSchema<'Session'>>((body, key) => api.post('/auth/session', body, { idempotencyKey: key }), { invalidate: [ME_KEY] });
}

/** Signs out, then reloads the page so nothing of the last person's data stays in memory. */
export function useSignOut() {
  return async () => {
    await api.post('/auth/logout').catch(() => undefined);
    window.location.assign('/');
  };
}
