import { api } from '../lib/api-client';
import { useAction } from '../lib/use-action';
import { ME_KEY } from './me';

export interface Credentials {
  username: string;
  password: string;
}

/** Signs in: the server sets the httpOnly session cookie; the page never holds the token. */
export function useSignIn() {
  return useAction<Credentials, unknown>((body, key) => api.post('/auth/session', body, { idempotencyKey: key }), { invalidate: [ME_KEY] });
}

/** Signs out, then reloads the page so nothing of the last person's data stays in memory. */
export function useSignOut() {
  return async () => {
    await api.post('/auth/logout').catch(() => undefined);
    window.location.assign('/');
  };
}
