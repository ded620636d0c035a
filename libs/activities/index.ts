import type { ActivityDeps } from './activity-deps.js';
import { makeArchiveHistories } from './archive.activities.js';
import { makeApplyCalendarChange } from './calendar-change.activity.js';
import { makeCurrentSubjectFacts } from './current-facts.activity.js';
import { makeRecordCalendarMove } from './calendar-move.activities.js';
import { makeRecordCancelStarted } from './cycle-cancel.activities.js';
import { makeFailOperation, makeSweepOperation } from './sweep-operation.activity.js';
import { makeMarkCycleCompleted, makeMarkCycleRunning, makeRecordCycleCancelled } from './cycle.activities.js';
import { makePlanUnit } from './plan-unit.activity.js';
import { makeProjectReview } from './project-review.activity.js';
import { makeDeliverRegistryChanges, makePlanRegistryChanges } from './registry-changes.activities.js';
import { makePlanRegistryChangePages } from './registry-change-plan.activity.js';
import { makeDeliverRegistryChangePage } from './registry-change-delivery.activity.js';
import { makeCloseRetiredUnit } from './close-retired-unit.activity.js';
import { makeCheckQuota, makeReclassifyForQuota } from './quota.activities.js';
import { makePrepareReport, makeRecordReportSubmitted } from './report.activities.js';
import { failFastOnPermanentErrors } from './permanent-failures.js';
import { makeReportDeadline } from './report-deadline.activity.js';
import { makeSendNotice } from './send-notice.activity.js';
import { makeSignalOwnerClosed } from './signal-owner-closed.activity.js';
import { makeNextNoticeSweepAt, makeSweepDueNotices } from './notice-sweep.activity.js';
import { makeCancelWorkflows, makeStartSubjectReviews } from './start-workflows.activity.js';

/** Every activity the workflows call, built from their dependencies (the worker's or a test's). */
export function createActivities(deps: ActivityDeps) {
  return failFastOnPermanentErrors({
    planUnitReviews: makePlanUnit(deps.db),
    startSubjectReviews: makeStartSubjectReviews(deps),
    cancelWorkflows: makeCancelWorkflows(deps),
    projectReview: makeProjectReview(deps.db),
    signalOwnerClosed: makeSignalOwnerClosed(deps),
    currentSubjectFacts: makeCurrentSubjectFacts(deps.db),
    prepareReport: makePrepareReport(deps.db),
    recordReportSubmitted: makeRecordReportSubmitted(deps.db),
    closeRetiredUnit: makeCloseRetiredUnit(deps.db),
    markCycleRunning: makeMarkCycleRunning(deps.db),
    markCycleCompleted: makeMarkCycleCompleted(deps.db),
    recordCycleCancelled: makeRecordCycleCancelled(deps.db),
    archiveHistories: makeArchiveHistories(deps),
    sendNotice: makeSendNotice(deps.db),
    nextNoticeSweepAt: makeNextNoticeSweepAt(deps.db),
    sweepDueNotices: makeSweepDueNotices(deps.db),
    reportDeadline: makeReportDeadline(deps.db),
    applyCalendarChange: makeApplyCalendarChange(deps),
    recordCalendarMove: makeRecordCalendarMove(deps.db),
    recordCancelStarted: makeRecordCancelStarted(deps.db),
    sweepOperation: makeSweepOperation(deps),
    failBulkOperation: makeFailOperation(deps),
    planRegistryChanges: makePlanRegistryChanges(deps.db),
    deliverRegistryChanges: makeDeliverRegistryChanges(deps),
    planRegistryChangePages: makePlanRegistryChangePages(deps.db),
    deliverRegistryChangePage: makeDeliverRegistryChangePage(deps),
    checkQuota: makeCheckQuota(deps.db),
    reclassifyForQuota: makeReclassifyForQuota(deps.db),
  });
}

/** The activities' types, which is all workflow code may import from here. */
export type ReviewActivities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './activity-deps.js';
export type { UnitLaunchPlan, PlannedReview } from './plan-unit.activity.js';
export type { RegistryChange } from './registry-changes.activities.js';
export type { PlannedChange, ChangePlan } from './registry-change-plan.activity.js';
export type { OwnerClosedDelivery } from './signal-owner-closed.activity.js';
export type { QuotaCheck } from '../persistence/quota-check.js';
export type { ReportTotals } from '../persistence/report-totals.js';
