import { createHash } from 'node:crypto';
import type { SubjectType } from '../domain/enums.js';

/** A review's public id: stable for (cycle, subject), so a retried launch never makes a second one. */
export function reviewIdFor(cycleId: string, subjectType: SubjectType, subjectId: string): string {
  const hex = createHash('sha256').update(`${cycleId}\u0000${subjectType}\u0000${subjectId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
