import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AssignTargetsCommand,
  CommitteeReviewCommand,
  DecideRemediationCommand,
  ReassignReviewCommand,
  ReviewCommand,
  SubmitRemediationPlanCommand,
  SubmitReviewCommand,
  SubmitSelfAssessmentCommand,
  WithdrawReviewCommand,
} from '../domain/review/review-commands.js';
import type { ReviewState } from '../domain/review/review-state.js';
import type {
  CalendarChanged,
  ChildUnitAdded,
  OperationStarted,
  CancelCycleCommand,
  CycleProgress,
  ReclassifyReviewCommand,
  ReportSubmitted,
  ReviewAdopted,
  ReviewsOffered,
  ReviewClosed,
  ReviewReleased,
  SubmitReportCommand,
  SubtreeLaunched,
  UnitHeadChanged,
  UnitProgress,
  UnitReparented,
  UnitRetiring,
} from './workflow-inputs.js';

// Every message the workflows accept, defined once. Each human action is an Update: its
// validator refuses a wrong actor or step before anything is written, and its update id is the
// request's idempotency key. Updates return the review's state once projected to PostgreSQL.

export const assignTargetsUpdate = defineUpdate<ReviewState, [AssignTargetsCommand]>('assignTargets');
export const submitSelfAssessmentUpdate = defineUpdate<ReviewState, [SubmitSelfAssessmentCommand]>('submitSelfAssessment');
export const submitReviewUpdate = defineUpdate<ReviewState, [SubmitReviewCommand]>('submitReview');
export const submitRemediationPlanUpdate = defineUpdate<ReviewState, [SubmitRemediationPlanCommand]>('submitRemediationPlan');
export const decideRemediationUpdate = defineUpdate<ReviewState, [DecideRemediationCommand]>('decideRemediation');
/** The standing committee's extra review (standing-committee-review-v1). */
export const committeeReviewUpdate = defineUpdate<ReviewState, [CommitteeReviewCommand]>('committeeReview');
/** The review command each person's Update carries (the workflow registers them so). */
export const REVIEW_ACTION_KINDS: Readonly<Record<string, ReviewCommand['kind']>> = {
  [assignTargetsUpdate.name]: 'assign_targets',
  [submitSelfAssessmentUpdate.name]: 'submit_self_assessment',
  [submitReviewUpdate.name]: 'submit_review',
  [submitRemediationPlanUpdate.name]: 'submit_remediation_plan',
  [decideRemediationUpdate.name]: 'decide_remediation',
  [committeeReviewUpdate.name]: 'committee_review',
};
export const reviewStateQuery = defineQuery<ReviewState>('reviewState');
/** An administrator moved the cycle's dates; every open review reschedules its task. */
export const calendarChangedSignal = defineSignal<[CalendarChanged]>('calendarChanged');

export const reviewClosedSignal = defineSignal<[ReviewClosed]>('reviewClosed');
export const subtreeLaunchedSignal = defineSignal<[SubtreeLaunched]>('subtreeLaunched');
export const reportSubmittedSignal = defineSignal<[ReportSubmitted]>('reportSubmitted');
export const submitReportUpdate = defineUpdate<void, [SubmitReportCommand]>('submitReport');
export const reclassifyReviewUpdate = defineUpdate<ReviewState, [ReclassifyReviewCommand]>('reclassifyReview');
export const unitProgressQuery = defineQuery<UnitProgress>('unitProgress');

// Both answer the operation that carries on after them (void on cycles recorded before operations).
export const cancelCycleUpdate = defineUpdate<OperationStarted | void, [CancelCycleCommand]>('cancelCycle');
export const changeCalendarUpdate = defineUpdate<OperationStarted | void, [CalendarChanged]>('changeCalendar');
export const cycleProgressQuery = defineQuery<CycleProgress>('cycleProgress');

// Registry changes while a cycle runs (an import's workflow delivers them). Reviews take them as
// Updates with stable ids, so a retried delivery applies once; units learn by signal which reviews
// they now wait for and who heads them.
export const reassignReviewUpdate = defineUpdate<ReviewState, [ReassignReviewCommand]>('reassignReview');
export const withdrawReviewUpdate = defineUpdate<ReviewState, [WithdrawReviewCommand]>('withdrawReview');
export const reviewAdoptedSignal = defineSignal<[ReviewAdopted]>('reviewAdopted');
export const reviewReleasedSignal = defineSignal<[ReviewReleased]>('reviewReleased');
export const unitHeadChangedSignal = defineSignal<[UnitHeadChanged]>('unitHeadChanged');
/**
 * Since issue #10 a unit answers, from its own phase, whether it takes a review or a new child
 * unit: accepted while it launches or collects (it will wait for it), refused once it stopped
 * collecting. The delivery routes on the answer, never on the read model's phase.
 */
export interface RoutingAnswer {
  accepted: boolean;
}
export const adoptReviewsUpdate = defineUpdate<RoutingAnswer, [ReviewsOffered]>('adoptReviews');
export const addChildUnitUpdate = defineUpdate<RoutingAnswer, [ChildUnitAdded]>('addChildUnit');
/**
 * Since unit-mergers-v1 a unit merged or dissolved while the cycle runs is asked to retire: it
 * accepts while it launches or collects, waits for what it still owns, then tells its parent by
 * `childUnitRetired` (the parent stops waiting for its report) and ends without a report.
 * Since retire-ready-unit-v1 it also accepts once its report is ready (and sends it), and a unit
 * still owning reviews when it has waited for them reports them (`reportsOnClose`): its report
 * row is kept, not removed, when the retire is accepted.
 */
export const retireUnitUpdate = defineUpdate<RoutingAnswer & { reportsOnClose?: boolean }, [UnitRetiring]>('retireUnit');
/** Tells a parent to stop waiting for a child unit: it retired, or moved under another unit. */
export const childUnitRetiredSignal = defineSignal<[ChildUnitAdded]>('childUnitRetired');
/** A running child unit moved under this unit: it waits for its report too (accepted while collecting). */
export const adoptChildUnitUpdate = defineUpdate<RoutingAnswer, [ChildUnitAdded]>('adoptChildUnit');
/** A unit moved under another: it reports to `parentWorkflowId` from now on. */
export const reparentUnitUpdate = defineUpdate<RoutingAnswer, [UnitReparented]>('reparentUnit');
/** A unit was created under this one while the cycle runs: it gets its own unit workflow. */
export const childUnitAddedSignal = defineSignal<[ChildUnitAdded]>('childUnitAdded');
