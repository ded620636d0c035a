// Trivial workflows that measure the Temporal server rather than the product: bundled on their
// own by the benchmark, never registered by the product's worker.
export { noopWorkflow } from './noop.workflow.js';
export { counterWorkflow } from './counter.workflow.js';
