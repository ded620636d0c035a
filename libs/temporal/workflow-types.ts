// Workflow type names, for code that starts workflows without importing workflow code.
export const WORKFLOW_TYPES = {
  reviewCycle: 'reviewCycleWorkflow',
  unitReview: 'unitReviewWorkflow',
  subjectReview: 'subjectReviewWorkflow',
  registryChanges: 'registryChangesWorkflow',
  bulkOperation: 'bulkOperationWorkflow',
} as const;
