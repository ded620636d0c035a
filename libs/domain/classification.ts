export const CLASSIFICATIONS = ['excellent', 'good', 'completed', 'not_completed'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const CLASSIFICATION_LABELS_VI: Record<Classification, string> = {
  excellent: 'Hoàn thành xuất sắc nhiệm vụ',
  good: 'Hoàn thành tốt nhiệm vụ',
  completed: 'Hoàn thành nhiệm vụ',
  not_completed: 'Không hoàn thành nhiệm vụ',
};

/** Higher rank = better classification. */
export function rankOf(classification: Classification): number {
  return CLASSIFICATIONS.length - CLASSIFICATIONS.indexOf(classification);
}

export function isAbove(a: Classification, b: Classification): boolean {
  return rankOf(a) > rankOf(b);
}
