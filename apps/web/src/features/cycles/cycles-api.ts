import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, query } from '../../lib/api-client';
import type { ApiError } from '../../lib/api-error';
import type { ApiBody, ApiItem, ApiSchema } from '../../lib/api-types';
import { useAction } from '../../lib/use-action';

/** GET /cycles/:id. */
export type Cycle = ApiSchema<'Cycle'>;

const path = (cycleId: string) => `/cycles/${encodeURIComponent(cycleId)}`;
export const cycleKey = (cycleId: string) => ['cycle', cycleId] as const;

export function useCycles() {
  return useInfiniteQuery<ApiSchema<'CyclePage'>, ApiError>({
    queryKey: ['cycles', 'all'],
    initialPageParam: undefined,
    queryFn: ({ pageParam }) => api.get(`/cycles${query({ limit: 50, cursor: pageParam as string | undefined })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** One cycle; read every second while it launches (the progress bar), every 10 s while it runs. */
export function useCycle(cycleId: string) {
  return useQuery<Cycle, ApiError>({
    queryKey: cycleKey(cycleId),
    queryFn: () => api.get(path(cycleId)),
    refetchInterval: (q) => (q.state.error ? false : q.state.data?.status === 'launching' ? 1_000 : q.state.data?.status === 'running' ? 10_000 : false),
  });
}

/** POST /cycles, as the document states it. */
export type LaunchBody = ApiBody<'CyclesController_create'>;

export function useLaunchCycle() {
  return useAction<LaunchBody, ApiSchema<'LaunchedCycle'>>((body, key) => api.post('/cycles', body, { idempotencyKey: key }), { invalidate: [['cycles']] });
}

/** GET /operations/:id: a bulk action (cancel, calendar move) running on after its request answered. */
export type Operation = ApiSchema<'Operation'>;

/** Both answer 202 with the operation at once (`Prefer: respond-async`); OperationProgress follows it. */
export function useCancelCycle(cycleId: string) {
  return useAction<ApiBody<'CyclesController_cancel'>, Operation>((body, key) => api.post(`${path(cycleId)}/cancel`, body, { idempotencyKey: key, prefer: 'respond-async' }), {
    invalidate: [cycleKey(cycleId), ['cycles']],
  });
}

export function useMoveCalendar(cycleId: string) {
  return useAction<ApiBody<'CyclesController_changeCalendar'>, Operation>((body, key) => api.post(`${path(cycleId)}/calendar`, body, { idempotencyKey: key, prefer: 'respond-async' }), {
    invalidate: [cycleKey(cycleId)],
  });
}

/** The operation, read every second until it has finished. */
export function useOperation(operationId: string) {
  return useQuery<Operation, ApiError>({
    queryKey: ['operation', operationId],
    queryFn: () => api.get(`/operations/${encodeURIComponent(operationId)}`),
    refetchInterval: (q) => (q.state.error || (q.state.data && q.state.data.status !== 'running') ? false : 1_000),
  });
}

/** GET /cycles/:id/completion: one level of the completion tree (docs/web-api-contract.md). */
export type CompletionLevel = ApiSchema<'Completion'>;
/** The unit itself or one of its children (which also count their own children and say whether an import retired them). */
export type CompletionRow = Omit<CompletionLevel, 'children'> & Partial<Omit<CompletionLevel['children'][number], keyof CompletionLevel>>;

export function fetchCompletion(cycleId: string, unitId?: string): Promise<CompletionLevel> {
  return api.get(`${path(cycleId)}/completion${query({ unitId })}`);
}

export function useCompletion(cycleId: string) {
  return useQuery<CompletionLevel, ApiError>({ queryKey: ['completion', cycleId, 'root'], queryFn: () => fetchCompletion(cycleId) });
}

/** GET /cycles/:id/overdue, the most late first. */
export type OverdueTask = ApiItem<'OverduePage'>;

export function useOverdue(cycleId: string) {
  return useInfiniteQuery<ApiSchema<'OverduePage'>, ApiError>({
    queryKey: ['overdue', cycleId],
    initialPageParam: undefined,
    queryFn: ({ pageParam }) => api.get(`${path(cycleId)}/overdue${query({ limit: 20, cursor: pageParam as string | undefined })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** GET/PUT /cycles/:id/units/:unitId/quota (apps/api/quota). */
export type Quota = ApiSchema<'Quota'>;

export type RaiseQuotaBody = ApiBody<'QuotaController_raise'>;
const quotaPath = (cycleId: string, unitId: string) => `${path(cycleId)}/units/${encodeURIComponent(unitId)}/quota`;

export function useQuota(cycleId: string, unitId: string) {
  return useQuery<Quota, ApiError>({ queryKey: ['quota', cycleId, unitId], queryFn: () => api.get(quotaPath(cycleId, unitId)) });
}

export function useRaiseQuota(cycleId: string, unitId: string) {
  return useAction<RaiseQuotaBody, Quota>((body, key) => api.put(quotaPath(cycleId, unitId), body, { idempotencyKey: key }), {
    invalidate: [['quota', cycleId, unitId]],
  });
}

export function useUnitName(unitId: string | undefined) {
  return useQuery<ApiSchema<'Unit'>, ApiError>({
    queryKey: ['org', 'unit', unitId],
    queryFn: () => api.get(`/org/units/${encodeURIComponent(unitId!)}`),
    enabled: !!unitId,
    staleTime: 300_000,
  });
}
