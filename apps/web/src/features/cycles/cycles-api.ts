import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { CycleCalendar } from '../../../../../libs/domain/calendar';
import type { CyclePeriod } from '../../../../../libs/domain/cycle-period';
import type { CycleStatus, Step, TaskKind, UnitKind } from '../../../../../libs/domain/enums';
import type { RuleSetId } from '../../../../../libs/domain/rules/rule-set';
import { api, query } from '../../lib/api-client';
import type { ApiError } from '../../lib/api-error';
import { useAction } from '../../lib/use-action';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** GET /cycles/:id (apps/api/cycles/cycle-view.ts). */
export interface Cycle {
  id: string;
  year: number;
  /** Absent from a server older than periods: then the year. */
  period?: CyclePeriod;
  rootUnitId: string;
  title: string | null;
  status: CycleStatus;
  policy: { ruleSet?: RuleSetId; excellentQuotaPercent?: number };
  calendar: CycleCalendar;
  createdAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  progress: { subjects: number; launched: number; byStep: Record<Step, number>; completed: number; cancelled: number; overdue: number; withdrawn: number };
}

const path = (cycleId: string) => `/cycles/${encodeURIComponent(cycleId)}`;
export const cycleKey = (cycleId: string) => ['cycle', cycleId] as const;

export function useCycles() {
  return useInfiniteQuery<Page<Cycle>, ApiError>({
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

export interface LaunchBody {
  year: number;
  period: CyclePeriod;
  rootUnitId: string;
  title?: string;
  superiorReviewerId?: string | null;
  calendar: Partial<CycleCalendar>;
  policy: { ruleSet: RuleSetId; excellentQuotaPercent?: number };
}

export function useLaunchCycle() {
  return useAction<LaunchBody, { id: string; status: CycleStatus }>((body, key) => api.post('/cycles', body, { idempotencyKey: key }), { invalidate: [['cycles']] });
}

/** GET /operations/:id: a bulk action (cancel, calendar move) running on after its request answered. */
export interface Operation {
  id: string;
  kind: 'calendar_move' | 'cycle_cancel';
  status: 'running' | 'succeeded' | 'failed';
  total: number;
  done: number;
  failed: number;
  startedAt: string;
  finishedAt: string | null;
  error?: string;
}

/** Both answer 202 with the operation at once (`Prefer: respond-async`); OperationProgress follows it. */
export function useCancelCycle(cycleId: string) {
  return useAction<{ reason: string }, Operation>((body, key) => api.post(`${path(cycleId)}/cancel`, body, { idempotencyKey: key, prefer: 'respond-async' }), {
    invalidate: [cycleKey(cycleId), ['cycles']],
  });
}

export function useMoveCalendar(cycleId: string) {
  return useAction<Partial<CycleCalendar>, Operation>((body, key) => api.post(`${path(cycleId)}/calendar`, body, { idempotencyKey: key, prefer: 'respond-async' }), {
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
export interface CompletionRow {
  unitId: string;
  name: string;
  kind: UnitKind;
  subjects: number;
  done: number;
  percent: number;
  overdue: number;
  reportStatus: string | null;
  childCount?: number;
}
export interface CompletionLevel extends CompletionRow {
  children: CompletionRow[];
}

export function fetchCompletion(cycleId: string, unitId?: string): Promise<CompletionLevel> {
  return api.get(`${path(cycleId)}/completion${query({ unitId })}`);
}

export function useCompletion(cycleId: string) {
  return useQuery<CompletionLevel, ApiError>({ queryKey: ['completion', cycleId, 'root'], queryFn: () => fetchCompletion(cycleId) });
}

/** GET /cycles/:id/overdue, the most late first. */
export interface OverdueTask {
  taskId: string;
  kind: TaskKind;
  reviewId: string | null;
  unitId: string | null;
  subject: { type: string; id: string; name: string } | string | null;
  assigneeId: string;
  assigneeName: string | null;
  dueAt: string;
  lateSeconds: number;
}

export function useOverdue(cycleId: string) {
  return useInfiniteQuery<Page<OverdueTask>, ApiError>({
    queryKey: ['overdue', cycleId],
    initialPageParam: undefined,
    queryFn: ({ pageParam }) => api.get(`${path(cycleId)}/overdue${query({ limit: 20, cursor: pageParam as string | undefined })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** GET/PUT /cycles/:id/units/:unitId/quota (apps/api/quota). */
export interface Quota {
  excellentPercent: number;
  maxRaisedPercent: number | null;
  reason: string | null;
  /** The decision granting the raise; null when not recorded. */
  decisionNumber: string | null;
  /** YYYY-MM-DD. */
  decisionDate: string | null;
}

export interface RaiseQuotaBody {
  excellentPercent: number;
  reason: string;
  decisionNumber?: string;
  decisionDate?: string;
}
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
  return useQuery<{ name: string }, ApiError>({
    queryKey: ['org', 'unit', unitId],
    queryFn: () => api.get(`/org/units/${encodeURIComponent(unitId!)}`),
    enabled: !!unitId,
    staleTime: 300_000,
  });
}
