import { useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import type { Classification } from '../../../../../libs/domain/classification';
import { api, query } from '../../lib/api-client';
import type { ApiError } from '../../lib/api-error';
import type { ApiItem, ApiSchema } from '../../lib/api-types';

/** GET /reviews/:id/history (the events; ?format=temporal is opened as a raw page). */
type ReviewHistory = Extract<ApiSchema<'ReviewHistoryAnswer'>, { workflowId: string }>;

/** One entry of GET /reviews/:id/history, with the fields of `data` the timeline reads. */
export type HistoryEvent = Omit<ReviewHistory['events'][number], 'data'> & {
  data: { comment?: string | null; summary?: string; reason?: string; classification?: Classification | null; proposedClassification?: Classification; from?: Classification | null } & Record<string, unknown>;
};

export type ReviewHead = Pick<ApiSchema<'Review'>, 'id' | 'cycleId' | 'unitId' | 'subject'>;

const reviewPath = (reviewId: string) => `/reviews/${encodeURIComponent(reviewId)}`;

/** Where the raw Temporal history is served (opened in a new tab, with the session cookie). */
export const rawHistoryUrl = (reviewId: string) => `/api/v1${reviewPath(reviewId)}/history?format=temporal`;

export function useReviewHead(reviewId: string) {
  return useQuery<ReviewHead, ApiError>({ queryKey: ['review', reviewId], queryFn: () => api.get(reviewPath(reviewId)) });
}

export function useReviewHistory(reviewId: string) {
  return useQuery<{ workflowId: string; events: HistoryEvent[] }, ApiError>({
    queryKey: ['review-history', reviewId],
    queryFn: () => api.get(`${reviewPath(reviewId)}/history`),
  });
}

/**
 * Names of people by id, looked up one by one (GET /org/people?q=<id>); ids the caller may not
 * read, or that name no person (system actors), stay ids.
 */
export function usePersonNames(ids: string[]): Map<string, string> {
  const people = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['org', 'person-name', id],
      queryFn: async () => (await api.get<ApiSchema<'PersonListPage'>>(`/org/people${query({ q: id, limit: 5 })}`)).items.find((p) => p.id === id) ?? null,
      staleTime: 300_000,
      retry: false,
    })),
  });
  const names = new Map<string, string>();
  people.forEach((q) => {
    if (q.data) names.set(q.data.id, q.data.name);
  });
  return names;
}

/** One entry of GET /audit. */
export type AuditEntry = ApiItem<'AuditPage'>;

/** The outcomes the audit trail records (apps/api/http/audit-recorder.ts). */
export const AUDIT_OUTCOMES = ['ok', 'rejected', 'failed', 'replayed', 'attempted'] as const;

export interface AuditFilters {
  actorId?: string;
  unitId?: string;
  cycleId?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery<ApiSchema<'AuditPage'>, ApiError>({
    queryKey: ['audit', filters],
    initialPageParam: undefined,
    queryFn: ({ pageParam }) => api.get(`/audit${query({ ...filters, limit: 20, cursor: pageParam as string | undefined })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCycleOptions() {
  return useQuery<ApiSchema<'CyclePage'>, ApiError>({
    queryKey: ['cycles', 'options'],
    queryFn: () => api.get(`/cycles${query({ limit: 100 })}`),
  });
}
