import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api-client';
import { ApiError } from '../lib/api-error';
import type { ApiSchema } from '../lib/api-types';

/** GET /me: who the signed-in person is and what they may do. */
export type Me = ApiSchema<'Me'>;

export const ME_KEY = ['me'] as const;

/** The signed-in person, or null when nobody is signed in (401). */
export function useMe() {
  return useQuery<Me | null, ApiError>({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await api.get<Me>('/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export const canAdminister = (me: Me) => me.roles.some((r) => r.role === 'admin');
export const canAudit = (me: Me) => me.roles.some((r) => r.role === 'auditor' || r.role === 'admin');
export const headsUnits = (me: Me) => me.headOf.length > 0;
