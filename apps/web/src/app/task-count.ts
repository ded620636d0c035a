import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api-client';

export const TASK_COUNT_KEY = ['tasks', 'count'] as const;

interface TaskCount {
  open: number;
  overdue: number;
}

/** The badge on the inbox: open and overdue tasks (GET /tasks/count), refreshed every half minute. */
export function useTaskCount() {
  return useQuery({ queryKey: TASK_COUNT_KEY, queryFn: () => api.get<TaskCount>('/tasks/count'), refetchInterval: 30_000 });
}
