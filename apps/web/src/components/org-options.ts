import { useQuery } from '@tanstack/react-query';
import { api, query } from '../lib/api-client';
import type { ApiError } from '../lib/api-error';
import type { ApiItem, ApiSchema } from '../lib/api-types';

// Units and people to pick in a form (GET /org/units?q=, GET /org/people?q=), shared by the
// pages that name a unit or a person (launch a cycle, filter the audit log).

export type UnitOption = Pick<ApiItem<'UnitListPage'>, 'id' | 'name' | 'kind'>;
export type PersonOption = Pick<ApiItem<'PersonListPage'>, 'id' | 'name' | 'unitName'>;

/** The units matching `q`, or the top units of my scope when nothing is typed. */
export function useUnitOptions(q: string) {
  return useQuery<ApiSchema<'UnitListPage'>, ApiError>({
    queryKey: ['org', 'units', q ? 'search' : 'top', q],
    queryFn: () => api.get(`/org/units${query({ q, limit: 20 })}`),
  });
}

export function usePersonOptions(q: string) {
  return useQuery<ApiSchema<'PersonListPage'>, ApiError>({
    queryKey: ['org', 'people', 'search', q],
    queryFn: () => api.get(`/org/people${query({ q, limit: 20 })}`),
    enabled: q.trim().length > 0,
  });
}
