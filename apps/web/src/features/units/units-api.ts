import { useQuery } from '@tanstack/react-query';
import { TASK_COUNT_KEY } from '../../app/task-count';
import { api, query } from '../../lib/api-client';
import type { ApiError } from '../../lib/api-error';
import type { ApiBody, ApiItem, ApiSchema } from '../../lib/api-types';
import { useAction } from '../../lib/use-action';

export type ReportStatus = 'collecting' | 'calibration_needed' | 'ready' | 'submitted';

/** GET /cycles/:id/units/:unitId/report, and the answer of its submission. */
export type Report = ApiSchema<'Report'>;

export const reportKey = (cycleId: string, unitId: string) => ['report', cycleId, unitId] as const;

/** The report, read again every few seconds until it is submitted: the roll-up moves as reviews close. */
export function useReport(cycleId: string, unitId: string) {
  return useQuery<Report, ApiError>({
    queryKey: reportKey(cycleId, unitId),
    queryFn: () => api.get<Report>(`/cycles/${encodeURIComponent(cycleId)}/units/${encodeURIComponent(unitId)}/report`),
    refetchInterval: (q) => (q.state.data?.status === 'submitted' || q.state.error ? false : 3_000),
  });
}

export function useSubmitReport(cycleId: string, unitId: string) {
  return useAction<ApiBody<'ReportsController_submit'>, Report>(
    (body, key) => api.post<Report>(`/cycles/${encodeURIComponent(cycleId)}/units/${encodeURIComponent(unitId)}/report`, body, { idempotencyKey: key }),
    { invalidate: [reportKey(cycleId, unitId), ['tasks'], TASK_COUNT_KEY] },
  );
}

/** A review as GET /cycles/:id/reviews lists it. */
export type ReviewRow = ApiItem<'ReviewPage'>;

export const decidedReviewsKey = (cycleId: string, headId: string | null) => ['reports', 'decided', cycleId, headId] as const;

/**
 * The reviews the unit's head decided in the cycle (every page). The list has no
 * "deciding unit" filter, so the quota groups are read as the reviews whose reviewer is the
 * unit's head — the unit's members, its child units and their heads, and the cell members it
 * decides one level up.
 */
export function useDecidedReviews(cycleId: string, headId: string | null | undefined) {
  return useQuery<ReviewRow[], ApiError>({
    queryKey: decidedReviewsKey(cycleId, headId ?? null),
    enabled: !!headId,
    queryFn: async () => {
      const out: ReviewRow[] = [];
      let cursor: string | null = null;
      do {
        const page: ApiSchema<'ReviewPage'> = await api.get(
          `/cycles/${encodeURIComponent(cycleId)}/reviews${query({ limit: 500, cursor: cursor ?? undefined })}`,
        );
        out.push(...page.items.filter((r) => r.reviewerId === headId));
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    },
  });
}

export function useReclassify(reviewId: string, cycleId: string, unitId: string, headId: string | null) {
  return useAction<ApiBody<'ReviewsController_reclassify'>, ApiSchema<'Review'>>(
    (body, key) => api.post(`/reviews/${encodeURIComponent(reviewId)}/reclassify`, body, { idempotencyKey: key }),
    { invalidate: [decidedReviewsKey(cycleId, headId), reportKey(cycleId, unitId), ['review', reviewId], ['tasks'], TASK_COUNT_KEY] },
  );
}

export type CycleSummary = Pick<ApiSchema<'Cycle'>, 'id' | 'year' | 'title' | 'status'>;

export function useRunningCycles() {
  return useQuery<CycleSummary[], ApiError>({
    queryKey: ['cycles', 'running'],
    queryFn: async () => (await api.get<{ items: CycleSummary[] }>(`/cycles${query({ status: 'running', limit: 500 })}`)).items,
  });
}
