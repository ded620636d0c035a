import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiError } from './api-error';

/**
 * A write the person triggers (a button, a form). One idempotency key per action: kept across
 * retries (network error, 5xx) so the server applies it at most once, renewed once the action
 * succeeded or was refused. Transient failures are retried a few times with the same key.
 */
export function useAction<TInput, TResult>(
  send: (input: TInput, idempotencyKey: string) => Promise<TResult>,
  options: { invalidate?: QueryKey[]; onSuccess?: (result: TResult) => void } = {},
) {
  const key = useRef<string | null>(null);
  const client = useQueryClient();
  return useMutation<TResult, ApiError, TInput>({
    mutationFn: (input) => {
      key.current ??= crypto.randomUUID();
      return send(input, key.current);
    },
    retry: (count, error) => error.retryable && count < 3,
    retryDelay: (count) => 500 * 2 ** count,
    onSuccess: async (result) => {
      key.current = null;
      await Promise.all((options.invalidate ?? []).map((queryKey) => client.invalidateQueries({ queryKey })));
      options.onSuccess?.(result);
    },
    onError: (error) => {
      if (!error.retryable) key.current = null;
    },
  });
}
