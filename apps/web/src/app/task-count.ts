import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api-client';
import type { ApiSchema } from '../lib/api-types';

export const TASK_COUNT_KEY = ['tasks', 'count'] as const;

/** The badge on the inbox: open and overdue tasks (GET /tasks/count), refreshed every half minute. */
export function useTaskCount() {
  return useQuery({ queryKey: TASK_COUNT_KEY, queryFn: () => api.get<ApiSchema<'TaskCount'>>('/tasks/count'), refetchInterval: 30_000 });
}
