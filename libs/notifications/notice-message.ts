import type { NoticeKind } from '../domain/review/review-state.js';

export interface NoticeFacts {
  kind: NoticeKind;
  taskKind: string;
  assigneeId: string;
  subjectName: string;
  dueAt: string;
  reviewId: string | null;
}

const TASK_NAMES: Record<string, string> = {
  assign_targets: 'assign targets',
  self_assess: 'submit the self-assessment',
  review: 'review the self-assessment',
  submit_remediation: 'submit the remediation plan',
  decide_remediation: 'decide on the remediation plan',
  calibrate: 'calibrate the classifications',
  submit_report: 'submit the report',
};

/** The words of a notice: what is due, for whom, by when. */
export function noticeMessage(facts: NoticeFacts, recipientId: string): { subject: string; body: string } {
  const what = `${TASK_NAMES[facts.taskKind] ?? facts.taskKind} for ${facts.subjectName}`;
  const ref = facts.reviewId ? `review ${facts.reviewId}` : `report of ${facts.subjectName}`;
  switch (facts.kind) {
    case 'reminder':
      return { subject: `Reminder: ${what} is due ${facts.dueAt}`, body: `Please ${what} before ${facts.dueAt} (${ref}).` };
    case 'overdue':
      return { subject: `Overdue: ${what} was due ${facts.dueAt}`, body: `The task to ${what} was due ${facts.dueAt} and is still open (${ref}).` };
    case 'escalation':
      return {
        subject: `Escalation: ${facts.assigneeId} is late to ${what}`,
        body: `${facts.assigneeId} had to ${what} by ${facts.dueAt}; it is still open (${ref}). You receive this as ${recipientId}, their head.`,
      };
  }
}
