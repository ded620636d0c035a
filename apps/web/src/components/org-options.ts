import { useQuery } from '@tanstack/react-query';
import type { UnitKind } from '../../../../libs/domain/enums';
import { api, query } from '../lib/api-client';
import type { ApiError } from '../lib/api-error';

// Units and people to pick in a form (GET /org/units?q=, GET /org/people?q=), shared by the
// pages that name a unit or a person (launch a cycle, filter the audit log).

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface UnitOption {
  id: string;
  name: string;
  kind: UnitKind;
}
export interface PersonOption {
  id: string;
  name: string;
  unitName: string | null;
}

/** The units matching `q`, or the top units of my scope when nothing is typed. */
export function useUnitOptions(q: string) {
  return useQuery<Page<UnitOption>, ApiError>({
    queryKey: ['org', 'units', q ? 'search' : 'top', q],
    queryFn: () => api.get(`/org/units${query({ q, limit: 20 })}`),
  });
}

export function usePersonOptions(q: string) {
  return useQuery<Page<PersonOption>, ApiError>({
    queryKey: ['org', 'people', 'search', q],
    queryFn: () => api.get(`/org/people${query({ q, limit: 20 })}`),
    enabled: q.trim().length > 0,
  });
}
