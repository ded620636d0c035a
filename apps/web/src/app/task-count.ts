import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api-client';
import { ApiError } from '../lib/api-error';

export const TASK_COUNT_KEY = ['tasks', 'count'] as const;

interface TaskCount {
  open: number;
  overdue: number;
}

/**
 * Open and overdue tasks. An API without GET /tasks/count yet (docs/web-api-contract.md; it
 * answers 404) is counted from the first page of open tasks instead, so the badge never vanishes.
 */
async function countTasks(): Promise<TaskCount> {
  try {
    return await api.get<TaskCount>('/tasks/count');
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    const page = await api.get<{ items: { overdue: boolean }[] }>('/tasks?status=open&limit=500');
    return { open: page.items.length, overdue: page.items.filter((t) => t.overdue).length };
  }
}

/** The badge on the inbox: open and overdue tasks, refreshed every half minute. */
export function useTaskCount() {
  return useQuery({ queryKey: TASK_COUNT_KEY, queryFn: countTasks, refetchInterval: 30_000 });
}
