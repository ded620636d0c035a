import type { RaiseQuotaBody } from './quota.schemas.js';

/**
 * The audit entry's target for a quota raise: `quota:<cycle>:<unit>:<percent>%`, followed by the
 * granting decision when one is given (`:decision=125-QĐ/TU@2026-11-20`), so the trail shows on what
 * authority the quota moved. Without a decision the target is as it always was.
 */
export function quotaAuditTarget(cycleId: string, unitId: string, body: Pick<RaiseQuotaBody, 'excellentPercent' | 'decisionNumber' | 'decisionDate'>): string {
  const base = `quota:${cycleId}:${unitId}:${body.excellentPercent}%`;
  if (body.decisionNumber === undefined && body.decisionDate === undefined) return base;
  return `${base}:decision=${body.decisionNumber ?? ''}@${body.decisionDate ?? ''}`;
}
