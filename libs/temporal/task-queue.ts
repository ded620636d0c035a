/** The default task queue; a deployment (or a test) may name its own in the config. */
export const DEFAULT_TASK_QUEUE = 'review-cycles';

/** Search attributes the workflows set, so operators can find them in the Temporal UI. */
export const SEARCH_ATTRIBUTES = {
  ReviewCycleId: 'Keyword',
  ReviewUnitId: 'Keyword',
} as const;
