// The pure domain: no I/O, deterministic, safe to import from workflow code.
export * from './enums.js';
export * from './classification.js';
export * from './errors.js';
export * from './field-path.js';
export * from './score.js';
export * from './report-counts.js';
export * from './calendar.js';
export * from './org/org-records.js';
export * from './org/org-tree.js';
export * from './org/subject-plan.js';
export * from './rules/rule-set.js';
export * from './rules/rule-sets.js';
export * from './review/review-state.js';
export * from './review/review-commands.js';
export * from './review/review-machine.js';
export * from './review/review-view.js';
export * from './org/import-rules.js';
