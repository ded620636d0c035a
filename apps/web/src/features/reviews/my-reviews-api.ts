import { useQuery } from '@tanstack/react-query';
import type { Me } from '../../auth/me';
import { api, query } from '../../lib/api-client';
import type { ApiError } from '../../lib/api-error';
import type { ApiItem, ApiSchema } from '../../lib/api-types';

export type CycleSummary = Pick<ApiSchema<'Cycle'>, 'id' | 'year' | 'title' | 'status'>;

export type ReviewListItem = ApiItem<'ReviewPage'>;

export interface MyReview extends ReviewListItem {
  cycle: CycleSummary;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

async function allPages<T>(path: string, params: Record<string, string | undefined>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api.get<Page<T>>(`${path}${query({ ...params, limit: 500, cursor: cursor ?? undefined })}`);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/**
 * The reviews whose subject I am: my own (as a person) and those of the units I head (a
 * collective's self-assessment is written by its head). The API has no "subject = me" filter, so
 * this reads the cycles I take part in and, in each, the reviews of my unit (person) and of the
 * units I head (collective), keeping mine: a few small requests per cycle.
 */
export function useMyReviews(me: Me | null | undefined) {
  return useQuery<MyReview[], ApiError>({
    queryKey: ['my-reviews', me?.id],
    enabled: !!me,
    queryFn: async () => {
      const cycles = await allPages<CycleSummary>('/cycles', {});
      const perCycle = await Promise.all(
        cycles.map(async (cycle) => {
          const own = me!.unitId
            ? (await allPages<ReviewListItem>(`/cycles/${encodeURIComponent(cycle.id)}/reviews`, { unitId: me!.unitId, subjectType: 'person' })).filter((r) => r.subject.id === me!.id)
            : [];
          const collectives = await Promise.all(
            me!.headOf.map((unit) => allPages<ReviewListItem>(`/cycles/${encodeURIComponent(cycle.id)}/reviews`, { unitId: unit.unitId, subjectType: 'unit' })),
          );
          return [...own, ...collectives.flat().filter((r) => me!.headOf.some((u) => u.unitId === r.subject.id))].map((r) => ({ ...r, cycle }));
        }),
      );
      return perCycle.flat();
    },
  });
}
