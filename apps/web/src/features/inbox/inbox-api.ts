import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, query } from '../../lib/api-client';
import type { ApiError } from '../../lib/api-error';
import type { ApiItem, ApiSchema } from '../../lib/api-types';

/** One task of GET /tasks. */
export type Task = ApiItem<'TaskPage'>;

type TaskPage = ApiSchema<'TaskPage'>;

export type TaskStatus = 'open' | 'done';

/** Pages of 100: a person with 500 open tasks gets them a page at a time as they scroll. */
const PAGE_SIZE = 100;

export function useTasks(status: TaskStatus, cycleId: string | undefined) {
  return useInfiniteQuery<TaskPage, ApiError, { pages: TaskPage[] }, readonly unknown[], string | undefined>({
    queryKey: ['tasks', 'list', status, cycleId ?? null],
    queryFn: ({ pageParam }) => api.get<TaskPage>(`/tasks${query({ status, cycleId, limit: PAGE_SIZE, cursor: pageParam })}`),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export type CycleOption = Pick<ApiSchema<'Cycle'>, 'id' | 'year' | 'title' | 'status'>;

/** The cycles I take part in, to name each task's cycle and to filter by one. */
export function useMyCycles() {
  return useQuery<CycleOption[], ApiError>({
    queryKey: ['cycles', 'mine'],
    queryFn: async () => (await api.get<{ items: CycleOption[] }>(`/cycles${query({ limit: 500 })}`)).items,
    staleTime: 300_000,
  });
}

/** Where a task is done: its review, or the unit's report (calibration and submission). */
export function taskHref(task: Task): string | null {
  if ((task.kind === 'calibrate' || task.kind === 'submit_report') && task.unitId) {
    return `/units/${encodeURIComponent(task.unitId)}/cycles/${encodeURIComponent(task.cycleId)}/report`;
  }
  return task.reviewId ? `/reviews/${encodeURIComponent(task.reviewId)}` : null;
}

/** How late an open task is, in whole days (at least 1 once past due) or hours under a day. */
export function lateness(dueAt: string | null, now: number): { days: number; hours: number } | null {
  if (!dueAt) return null;
  const late = now - Date.parse(dueAt);
  if (late <= 0) return null;
  const hours = Math.floor(late / 3_600_000);
  return { days: Math.floor(hours / 24), hours };
}
