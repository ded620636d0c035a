// The vocabulary of the HTTP contract (../shared/API.md). Values are binding: clients match on them.

export const UNIT_KINDS = ['province', 'district', 'grassroots', 'cell', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Merged and dissolved units leave the tree (issue #12): kept for their reviews' history only. */
export const UNIT_STATUSES = ['active', 'merged', 'dissolved'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export const POSITIONS = ['secretary', 'deputy_secretary', 'member'] as const;
export type Position = (typeof POSITIONS)[number];

export const STEPS = ['target_assignment', 'self_assessment', 'superior_review', 'remediation_plan', 'done'] as const;
export type Step = (typeof STEPS)[number];

export const TASK_KINDS = [
  'assign_targets',
  'self_assess',
  'review',
  'submit_remediation',
  'decide_remediation',
  'calibrate',
  'submit_report',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const SUBJECT_TYPES = ['person', 'unit'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const CYCLE_STATUSES = ['launching', 'running', 'completed', 'cancelled'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

/** Whether a review is still being worked on; `step` keeps the last step it reached. */
export const REVIEW_STATUSES = ['open', 'done', 'cancelled', 'withdrawn'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REPORT_STATUSES = ['collecting', 'calibration_needed', 'ready', 'submitted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Whether a person is still a member; a struck-off person is kept for the record only. */
export const PERSON_STATUSES = ['active', 'struck_off'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const ROLES = ['admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const DISCIPLINE_LEVELS = ['reprimand', 'warning', 'dismissal', 'expulsion'] as const;
export type DisciplineLevel = (typeof DISCIPLINE_LEVELS)[number];
