import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api-client';

export const TASK_COUNT_KEY = ['tasks', 'count'] as const;

/** The badge on the inbox: open and overdue tasks, refreshed every half minute. */
export function useTaskCount() {
  return useQuery({
    queryKey: TASK_COUNT_KEY,
    queryFn: () => api.get<{ open: number; overdue: number }>('/tasks/count'),
    refetchInterval: 30_000,
  });
}
