// The workflows the worker registers. Workflow code imports only @temporalio/workflow, pure
// libs/domain code, libs/temporal definitions and activity types, by relative path.
export { reviewCycleWorkflow } from './review-cycle.workflow.js';
export { unitReviewWorkflow } from './unit-review.workflow.js';
export { subjectReviewWorkflow } from './subject-review.workflow.js';
export { registryChangesWorkflow } from './registry-changes.workflow.js';
export { bulkOperationWorkflow } from './bulk-operation.workflow.js';
