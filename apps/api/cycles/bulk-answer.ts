import type { Request, Response } from 'express';
import type { OperationsService } from '../operations/operations.service.js';

/**
 * How long the synchronous form of a bulk request (no `Prefer: respond-async`) waits for its
 * operation before answering as before; past it, the operation carries on and
 * `Operation-Location` names it.
 */
export const SYNC_WAIT_MS = 120_000;

export function prefersAsync(req: Request): boolean {
  return /(^|[,;\s])respond-async\b/i.test(req.header('prefer') ?? '');
}

/**
 * Answers a bulk request that started `operationId`: 202 with the operation (and its Location)
 * when the caller asked for `Prefer: respond-async`; otherwise waits for it (bounded) and
 * answers what `synchronous` gives, as the endpoint always did.
 */
export async function answerBulk<T>(
  req: Request,
  res: Response,
  operations: OperationsService,
  operationId: string | null,
  synchronous: () => Promise<T>,
): Promise<unknown> {
  if (operationId === null) return synchronous();
  const location = `/api/v1/operations/${operationId}`;
  res.setHeader('Operation-Location', location);
  if (prefersAsync(req)) {
    res.status(202).setHeader('Location', location);
    res.setHeader('Preference-Applied', 'respond-async');
    return operations.view(operationId);
  }
  await operations.waitUntilFinished(operationId, SYNC_WAIT_MS);
  return synchronous();
}
