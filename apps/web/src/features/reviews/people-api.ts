import { useQuery } from '@tanstack/react-query';
import { useMe } from '../../auth/me';
import { api } from '../../lib/api-client';
import type { ApiItem } from '../../lib/api-types';

type PersonRow = ApiItem<'UnitPersonPage'>;

/**
 * A person's name for "who decided". The review names people by id; a member may read the
 * people of their own unit (GET /org/units/:id/people), which holds their reviewer in the common
 * case. Elsewhere the id is shown: the API has no name look-up for non-administrators.
 */
export function usePersonName(personId: string | null | undefined, unitId: string | undefined): string | undefined {
  const me = useMe();
  const people = useQuery({
    queryKey: ['unit-people', unitId],
    queryFn: () => api.get<{ items: PersonRow[] }>(`/org/units/${encodeURIComponent(unitId!)}/people?limit=500`),
    enabled: unitId !== undefined && personId != null && personId !== me.data?.id,
    staleTime: 300_000,
    retry: false,
  });
  if (!personId) return undefined;
  if (personId === me.data?.id) return me.data.name ?? me.data.username;
  return people.data?.items.find((p) => p.id === personId)?.name ?? personId;
}
