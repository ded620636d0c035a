// The live check of the weights while targets are typed; the server checks the same rule
// (libs/domain/review/review-content-checks.ts) and its answer lands next to the fields.

import type { Dayjs } from 'dayjs';

export interface DraftTarget {
  title?: string;
  description?: string | null;
  weight?: number | null;
  dueDate?: Dayjs | null;
}

export type WeightState = { kind: 'none' } | { kind: 'partial' } | { kind: 'sum'; sum: number; ok: boolean };

export const WEIGHT_TOTAL = 100;
export const TARGETS_MAX = 50;

export function weightState(targets: readonly (DraftTarget | undefined)[]): WeightState {
  const weights = targets.map((t) => t?.weight).filter((w): w is number => typeof w === 'number');
  if (weights.length === 0) return { kind: 'none' };
  if (weights.length < targets.length) return { kind: 'partial' };
  const sum = weights.reduce((a, b) => a + b, 0);
  return { kind: 'sum', sum, ok: sum === WEIGHT_TOTAL };
}
