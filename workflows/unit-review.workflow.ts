import {
  ActivityCancellationType,
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  currentUpdateInfo,
  getExternalWorkflowHandle,
  isCancellation,
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { ReviewActivities } from '../libs/activities/index.js';
import { ConflictError, ErrorCode, ForbiddenError } from '../libs/domain/errors.js';
import {
  addChildUnitUpdate,
  adoptReviewsUpdate,
  calendarChangedSignal,
  childUnitAddedSignal,
  adoptChildUnitUpdate,
  childUnitRetiredSignal,
  reclassifyReviewUpdate,
  reportSubmittedSignal,
  reparentUnitUpdate,
  retireUnitUpdate,
  reviewAdoptedSignal,
  reviewClosedSignal,
  reviewReleasedSignal,
  submitReportUpdate,
  subtreeLaunchedSignal,
  unitHeadChangedSignal,
  unitProgressQuery,
} from '../libs/temporal/definitions.js';
import { domainErrorIn, toApplicationFailure } from '../libs/temporal/failure-codec.js';
import { storageRefusal } from '../libs/temporal/storage-refusal.js';
import { unitWorkflowId } from '../libs/temporal/workflow-ids.js';
import type { ReportSubmitted, UnitCarry, UnitReviewInput } from '../libs/temporal/workflow-inputs.js';
import { nextNotice } from '../libs/domain/review/review-schedule.js';
import type { NoticeKind } from '../libs/domain/review/review-state.js';
import { reviewSearchAttributes } from './search-attributes.js';

const { planUnitReviews, prepareReport, archiveHistories } = proxyActivities<ReviewActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { startSubjectReviews, cancelWorkflows } = proxyActivities<ReviewActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  // A cancelled launch must stop starting reviews before the unit cancels the ones it started.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});
const { reportDeadline, sendNotice } = proxyActivities<ReviewActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});
const { checkQuota } = proxyActivities<ReviewActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
// Since report-work-in-task-v1 a unit whose reviews are all closed checks its quota, prepares its
// report and reads its deadline in the workflow task that heard the last close (short reads and one
// write each): three activity tasks and the three workflow tasks that followed them were most of the
// Temporal work a unit's close set off, on the single history shard the people's actions share.
const inTask = proxyLocalActivities<ReviewActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
const { recordReportSubmitted, reclassifyForQuota, closeRetiredUnit } = proxyLocalActivities<ReviewActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' },
});

const START_BATCH = 200;
const CHILD_START_BATCH = 50;
const ARCHIVE_BATCH = 100;
/**
 * Since archive-coalesced-v1 the closed reviews wait this long for others before their histories
 * are archived (at once when the batch is full or none is left open): one archive activity per
 * burst of closes instead of one per close, off the path of the people acting meanwhile. Their
 * history stays readable live until then (Temporal keeps it for days after the close).
 */
const ARCHIVE_DELAY_MS = 60_000;
/** The summary of a report sent when its unit retired (it reaches the level above as written, in Vietnamese). */
const RETIRED_REPORT_SUMMARY = {
  merged: 'Báo cáo được gửi khi đơn vị sáp nhập vào đơn vị khác (theo dữ liệu tổ chức được nhập).',
  dissolved: 'Báo cáo được gửi khi đơn vị giải thể (theo dữ liệu tổ chức được nhập).',
};

/**
 * One unit in one cycle: starts the reviews it decides and the workflows of its child units,
 * waits until every review is closed and every child has reported, prepares the report, waits
 * for its head to submit it, and reports to its parent. Reviews and children tell it they are
 * done by signal, so the workflow can continue as new whenever its history grows large.
 */
export async function unitReviewWorkflow(input: UnitReviewInput): Promise<ReportSubmitted | null> {
  const self = workflowInfo().workflowId;
  const carry: UnitCarry = input.carry ?? {
    phase: 'launching',
    headId: null,
    pendingReviews: [],
    pendingChildren: [],
    unlaunchedChildren: [],
    launchNoticeSent: false,
    toArchive: [],
  };
  let phase = carry.phase;
  let headId = carry.headId;
  const pendingReviews = new Map(carry.pendingReviews);
  const pendingChildren = new Set(carry.pendingChildren);
  const unlaunchedChildren = new Set(carry.unlaunchedChildren);
  const toArchive = [...carry.toArchive];
  let launchNoticeSent = carry.launchNoticeSent;
  const childrenToStart = [...(carry.childrenToStart ?? [])];
  const addedChildren = new Set(carry.addedChildren ?? []);
  let submitted: ReportSubmitted | null = null;
  // Calibration: the quota breaches found when the unit closed its reviews, until every group fits.
  let quotaBreaches: string[] = [];
  // Units started since: a submission counts only once PostgreSQL recorded it, one at a time.
  const recordedFirst = patched('report-recorded-first-v1');
  let submitting = false;
  // Set once the reviews are collected (report-work-in-task-v1): the report's own work runs as local activities.
  let reportWorkInTask = false;

  // Since close-signal-in-task-v1 a review's close may arrive twice (its local activity retried,
  // or its task run again after a worker died): only a review this unit still waits for counts.
  setHandler(reviewClosedSignal, ({ reviewId, workflowId }) => {
    if (pendingReviews.delete(reviewId)) toArchive.push(workflowId);
  });
  // Registry changes while the cycle runs: a new member's or a transferred review joins or leaves
  // the reviews this unit waits for; a new head takes over the report.
  setHandler(reviewAdoptedSignal, ({ reviewId, workflowId }) => void pendingReviews.set(reviewId, workflowId));
  setHandler(reviewReleasedSignal, ({ reviewId }) => void pendingReviews.delete(reviewId));
  setHandler(unitHeadChangedSignal, ({ headId: newHeadId }) => void (headId = newHeadId));
  setHandler(childUnitAddedSignal, ({ unitId }) => {
    // Only while collecting (a unit still launching plans from the registry itself), and once.
    if (phase !== 'collecting' || addedChildren.has(unitId) || pendingChildren.has(unitId)) return;
    addedChildren.add(unitId);
    pendingChildren.add(unitId);
    childrenToStart.push(unitId);
  });
  // Since issue #10 registry changes ask instead of telling: a unit takes a review or a new child
  // only while it will still wait for it, and says so; the delivery routes on the answer.
  const adoptions = new Set(carry.adoptions ?? []);
  const stillCollects = () => phase === 'launching' || phase === 'collecting';
  setHandler(adoptReviewsUpdate, ({ reviews }) => {
    patched('registry-routing-v1');
    const updateId = currentUpdateInfo()!.id;
    // A repeated delivery (even after the reviews closed here) is answered as the first one was.
    if (adoptions.has(updateId)) return { accepted: true };
    if (!stillCollects()) return { accepted: false };
    adoptions.add(updateId);
    for (const { reviewId, workflowId } of reviews) pendingReviews.set(reviewId, workflowId);
    return { accepted: true };
  });
  setHandler(addChildUnitUpdate, ({ unitId }) => {
    patched('registry-routing-v1');
    if (addedChildren.has(unitId) || pendingChildren.has(unitId)) return { accepted: true };
    if (!stillCollects()) return { accepted: false };
    // Still launching: started with the planned children, once (the plan may name it too).
    addedChildren.add(unitId);
    pendingChildren.add(unitId);
    childrenToStart.push(unitId);
    return { accepted: true };
  });
  // A unit merged or dissolved mid-cycle retires: it still waits for what it owns (a review whose
  // move another unit refused), then ends without a report; its parent stops waiting for it.
  let retired = carry.retired ?? false;
  let retiredBy = carry.retiredBy ?? null;
  setHandler(retireUnitUpdate, async (retiring) => {
    patched('unit-mergers-v1');
    if (retired) return { accepted: true, ...(retiredBy ? { reportsOnClose: true } : {}) };
    // Since retire-ready-unit-v1 the reviews a retired unit still owns when it has waited for them
    // (moves another unit refused, as into a unit created by the same import) are reported, by the
    // importing admin, not dropped; and a unit that had collected everything but not sent its report
    // sends it on retiring, so its parent is not left waiting for a unit nobody heads. A report
    // blocked by calibration still needs its head: that retire stays refused.
    const reportsKept = patched('retire-ready-unit-v1');
    if (stillCollects()) {
      retired = true;
      if (!reportsKept) return { accepted: true };
      retiredBy = retiring;
      return { accepted: true, reportsOnClose: true };
    }
    if (!reportsKept) return { accepted: false };
    while (phase === 'preparing' || submitting) await condition(() => phase !== 'preparing' && !submitting);
    if (phase !== 'ready') return { accepted: false };
    await sendReport(retiring.actorId, RETIRED_REPORT_SUMMARY[retiring.status]);
    return { accepted: true, reportsOnClose: true };
  });
  // Stop waiting for a child unit that retired, or moved under another unit that now waits for it.
  setHandler(childUnitRetiredSignal, ({ unitId }) => {
    pendingChildren.delete(unitId);
    unlaunchedChildren.delete(unitId);
  });
  // A unit moved under another mid-cycle (its parent merged or dissolved): the new parent waits
  // for its running workflow (started, unlike addChildUnit's), which reports there from then on.
  let parentWorkflowId = carry.parentWorkflowId ?? input.parentWorkflowId;
  setHandler(adoptChildUnitUpdate, ({ unitId }) => {
    patched('unit-mergers-v1');
    if (pendingChildren.has(unitId)) return { accepted: true };
    if (!stillCollects()) return { accepted: false };
    pendingChildren.add(unitId);
    return { accepted: true };
  });
  // Accepted while it runs: a unit that already reported to its old parent has completed.
  setHandler(reparentUnitUpdate, ({ parentWorkflowId: next }) => {
    patched('unit-mergers-v1');
    parentWorkflowId = next;
    return { accepted: true };
  });
  setHandler(subtreeLaunchedSignal, ({ unitId }) => void unlaunchedChildren.delete(unitId));
  setHandler(reportSubmittedSignal, ({ unitId }) => void pendingChildren.delete(unitId));
  setHandler(unitProgressQuery, () => ({
    unitId: input.unitId,
    phase,
    pendingReviews: pendingReviews.size,
    pendingChildren: pendingChildren.size,
    headId,
  }));
  setHandler(
    submitReportUpdate,
    async ({ actorId, summary }) => {
      // The read model shows the report ready as soon as prepareReport writes it, a moment before
      // this workflow hears back; a submission in that moment waits instead of being refused.
      // Checked again after each wait: a concurrent submission may have taken the turn in the same activation.
      while (phase === 'preparing' || submitting) await condition(() => phase !== 'preparing' && !submitting);
      if (phase === 'calibration_needed') throw toApplicationFailure(calibrationBlocks());
      if (phase === 'submitted') throw toApplicationFailure(new ConflictError(ErrorCode.AlreadyDone, 'This report was already submitted.'));
      if (actorId !== headId) throw toApplicationFailure(new ForbiddenError(`Only the unit's head (${headId ?? 'none'}) may submit its report.`));
      await sendReport(actorId, summary);
    },
    {
      validator: ({ actorId }) => {
        try {
          // Who may act before what state the report is in: 403 for anyone but the head, at any time.
          if (headId !== null && actorId !== headId) throw new ForbiddenError(`Only the unit's head (${headId}) may submit its report.`);
          if (phase === 'submitted') throw new ConflictError(ErrorCode.AlreadyDone, 'This report was already submitted.');
          if (phase === 'calibration_needed') throw calibrationBlocks();
          if (phase !== 'ready' && phase !== 'preparing') throw new ConflictError(ErrorCode.WrongStep, `The report is not ready: the unit is still ${phase}.`);
          if (actorId !== headId) throw new ForbiddenError(`Only the unit's head (${headId ?? 'none'}) may submit its report.`);
        } catch (error) {
          throw toApplicationFailure(error);
        }
      },
    },
  );

  /** Records the report as sent, then lets the main flow hand it to the parent. */
  async function sendReport(actorId: string, summary: string): Promise<void> {
    if (!recordedFirst) phase = 'submitted';
    const submittedAt = new Date().toISOString();
    submitting = true;
    let totals: Awaited<ReturnType<typeof recordReportSubmitted>>;
    try {
      totals = await recordReportSubmitted({ cycleId: input.cycleId, unitId: input.unitId, actorId, summary, at: submittedAt });
    } catch (error) {
      throw recordedFirst ? storageRefusal(error) : error;
    } finally {
      submitting = false;
    }
    phase = 'submitted';
    submitted = { unitId: input.unitId, submittedAt, submittedBy: actorId, people: totals.people, units: totals.units };
  }

  const calibrationBlocks = () =>
    new ConflictError(ErrorCode.WrongStep, `The report is blocked until calibration brings every group within the quota: ${quotaBreaches.join('; ')}.`);
  const noCalibration = () => new ConflictError(ErrorCode.WrongStep, `The unit's report does not need calibration: it is ${phase}.`);
  setHandler(
    reclassifyReviewUpdate,
    async (command) => {
      await condition(() => phase !== 'preparing');
      if (phase !== 'calibration_needed') throw toApplicationFailure(noCalibration());
      // Since calibration-remediation-v1 a review lowered into a class that needs a remediation
      // plan is reopened for it, in a new run this unit starts and waits for before its report.
      const reopenForPlan = patched('calibration-remediation-v1');
      let result: Awaited<ReturnType<typeof reclassifyForQuota>>;
      try {
        result = await reclassifyForQuota({ ...command, cycleId: input.cycleId, unitId: input.unitId, requestId: currentUpdateInfo()!.id, reopenForPlan });
      } catch (error) {
        throw toApplicationFailure(domainErrorIn(error) ?? error);
      }
      if (reopenForPlan && result.review.status === 'open') {
        pendingReviews.set(result.review.reviewId, result.review.workflowId);
        await startSubjectReviews({ reviewIds: [result.review.reviewId], ownerWorkflowId: self });
      }
      quotaBreaches = result.breaches.map((b) => b.message);
      return result.review;
    },
    {
      validator: ({ actorId }) => {
        try {
          // Who may act before what state the report is in: 403 for anyone but the head, at any time.
          if (headId !== null && actorId !== headId) throw new ForbiddenError(`Only the deciding unit's head (${headId}) may reclassify.`);
          if (phase !== 'calibration_needed' && phase !== 'preparing') throw noCalibration();
          if (actorId !== headId) throw new ForbiddenError(`Only the deciding unit's head (${headId ?? 'none'}) may reclassify.`);
        } catch (error) {
          throw toApplicationFailure(error);
        }
      },
    },
  );

  /** Waits for the reviews calibration reopened for their remediation plan, archiving each as it closes. */
  async function collectReopened(): Promise<void> {
    phase = 'collecting';
    while (pendingReviews.size > 0 || toArchive.length > 0) {
      await condition(() => pendingReviews.size === 0 || toArchive.length > 0);
      if (toArchive.length === 0) continue;
      const batch = toArchive.slice(0, ARCHIVE_BATCH);
      await archiveHistories({ workflowIds: batch });
      toArchive.splice(0, batch.length);
    }
  }

  // An administrator moved the cycle's dates: the report deadline is read again.
  let calendarMoves = 0;
  setHandler(calendarChangedSignal, () => void calendarMoves++);

  /**
   * Reminds the unit's head before the report task (calibrate, then submit_report) is due, tells
   * them at the due date and their own head after it, until `done()`. The task is re-read from the
   * read model at every wake-up, so moved dates and a new head are followed.
   */
  async function followReportDeadline(done: () => boolean): Promise<void> {
    const sent = new Map<string, NoticeKind[]>();
    while (!done()) {
      // Counted before reading: a move that lands while the task is read wakes the wait below.
      const moves = calendarMoves;
      const deadline = await (reportWorkInTask ? inTask.reportDeadline : reportDeadline)({ cycleId: input.cycleId, unitId: input.unitId });
      if (deadline === null) return;
      const notices = sent.get(deadline.taskId) ?? [];
      const next = nextNotice({ ...deadline, notices }, deadline.calendar);
      if (next === null) return;
      const waitMs = Date.parse(next.at) - Date.now();
      if (waitMs > 0) {
        await condition(() => done() || calendarMoves !== moves, waitMs);
        continue; // woke up: read the task again before saying anything
      }
      await sendNotice({
        kind: next.kind,
        cycleId: input.cycleId,
        reviewId: null,
        taskId: deadline.taskId,
        taskKind: deadline.taskKind,
        assigneeId: deadline.assigneeId,
        subjectName: deadline.unitName,
        dueAt: deadline.dueAt,
      });
      sent.set(deadline.taskId, [...notices, next.kind]);
    }
  }

  try {
    if (phase === 'launching') {
      const plan = await planUnitReviews({ cycleId: input.cycleId, unitId: input.unitId, parentUnitId: input.parentUnitId });
      headId = plan.headId;
      for (const review of plan.reviews) pendingReviews.set(review.reviewId, review.workflowId);
      for (const childId of plan.childUnitIds) {
        pendingChildren.add(childId);
        unlaunchedChildren.add(childId);
      }
      // A child added while this unit launched that the plan read from the registry too: the plan starts it.
      const planned = new Set(plan.childUnitIds);
      for (let i = childrenToStart.length - 1; i >= 0; i--) if (planned.has(childrenToStart[i]!)) childrenToStart.splice(i, 1);
      for (let i = 0; i < plan.reviews.length; i += START_BATCH) {
        const batch = plan.reviews.slice(i, i + START_BATCH).map((r) => r.reviewId);
        await startSubjectReviews({ reviewIds: batch, ownerWorkflowId: self });
      }
      for (let i = 0; i < plan.childUnitIds.length; i += CHILD_START_BATCH) {
        await Promise.all(plan.childUnitIds.slice(i, i + CHILD_START_BATCH).map((childId) => startChildUnit(input.cycleId, input.unitId, childId, self)));
      }
      phase = 'collecting';
    }

    if (phase === 'collecting') {
      const coalesceArchives = patched('archive-coalesced-v1');
      // Coalescing: when the closed reviews waiting to be archived are archived at the latest, and whether that time came.
      let archiveBy: number | null = null;
      let archiveDelayOver = false;
      // One loop does everything that can come up while reviews run, in order, so the state is
      // always consistent when the history asks to continue as new.
      for (;;) {
        const launchNoticeDue = () => !launchNoticeSent && unlaunchedChildren.size === 0;
        const collected = () => pendingReviews.size === 0 && pendingChildren.size === 0 && toArchive.length === 0;
        // Before the patch a single closed review was archived at once.
        const archiveDue = () =>
          toArchive.length > 0 && (!coalesceArchives || archiveDelayOver || toArchive.length >= ARCHIVE_BATCH || pendingReviews.size === 0);
        // Closed reviews wait (a timer) for others; a first close wakes the loop to start that wait.
        const archiveWaits = coalesceArchives && toArchive.length > 0 && !archiveDue();
        if (archiveWaits) archiveBy ??= Date.now() + ARCHIVE_DELAY_MS;
        const firstClose = () => coalesceArchives && !archiveWaits && toArchive.length > 0;
        const woke = await condition(
          () => archiveDue() || firstClose() || childrenToStart.length > 0 || launchNoticeDue() || collected() || workflowInfo().continueAsNewSuggested,
          archiveWaits ? Math.max(1, archiveBy! - Date.now()) : undefined,
        );
        if (archiveWaits && !woke) archiveDelayOver = true;
        if (childrenToStart.length > 0) {
          const batch = childrenToStart.splice(0, CHILD_START_BATCH);
          await Promise.all(batch.map((childId) => startChildUnit(input.cycleId, input.unitId, childId, self)));
        } else if (launchNoticeDue()) {
          await getExternalWorkflowHandle(parentWorkflowId).signal(subtreeLaunchedSignal, { unitId: input.unitId });
          launchNoticeSent = true;
        } else if (archiveDue()) {
          // Reviews that close while this batch is archived join the end of the queue: drop only the batch.
          const batch = toArchive.slice(0, ARCHIVE_BATCH);
          await archiveHistories({ workflowIds: batch });
          toArchive.splice(0, batch.length);
          archiveBy = null;
          archiveDelayOver = false;
        } else if (collected()) {
          break;
        } else if (firstClose() && !workflowInfo().continueAsNewSuggested) {
          continue; // the closed reviews now wait for others, with a timer
        } else {
          await condition(allHandlersFinished);
          const next: UnitCarry = {
            phase,
            headId,
            pendingReviews: [...pendingReviews],
            pendingChildren: [...pendingChildren],
            unlaunchedChildren: [...unlaunchedChildren],
            launchNoticeSent,
            toArchive,
            childrenToStart,
            addedChildren: [...addedChildren],
            ...(adoptions.size > 0 ? { adoptions: [...adoptions] } : {}),
            ...(retired ? { retired } : {}),
            ...(retiredBy ? { retiredBy } : {}),
            ...(parentWorkflowId !== input.parentWorkflowId ? { parentWorkflowId } : {}),
          };
          return await continueAsNew<typeof unitReviewWorkflow>({ ...input, carry: next });
        }
      }
      if (retired) {
        await condition(allHandlersFinished);
        const kept = retiredBy ? await closeRetiredUnit({ cycleId: input.cycleId, unitId: input.unitId, actorId: retiredBy.actorId, summary: RETIRED_REPORT_SUMMARY[retiredBy.status], at: new Date().toISOString() }) : null;
        if (kept) {
          await getExternalWorkflowHandle(parentWorkflowId).signal(reportSubmittedSignal, kept);
          return kept;
        }
        await getExternalWorkflowHandle(parentWorkflowId).signal(childUnitRetiredSignal, { unitId: input.unitId });
        return null;
      }
      reportWorkInTask = patched('report-work-in-task-v1');
      if (patched('rule-sets-v1')) {
        // Preparing already: the read model may show calibration_needed a moment before this
        // workflow hears back, and actions in that moment wait instead of being refused.
        phase = 'preparing';
        const quota = await (reportWorkInTask ? inTask.checkQuota : checkQuota)({ cycleId: input.cycleId, unitId: input.unitId, headId });
        if (!quota.fits) {
          quotaBreaches = quota.breaches.map((b) => b.message);
          phase = 'calibration_needed';
          if (patched('report-notices-v1')) await followReportDeadline(() => quotaBreaches.length === 0);
          await condition(() => quotaBreaches.length === 0 && allHandlersFinished());
          if (patched('calibration-remediation-v1')) await collectReopened();
        }
      }
      phase = 'preparing';
      ({ headId } = await (reportWorkInTask ? inTask.prepareReport : prepareReport)({ cycleId: input.cycleId, unitId: input.unitId }));
      phase = 'ready';
    }

    if (patched('report-notices-v1')) await followReportDeadline(() => submitted !== null);
    await condition(() => submitted !== null && allHandlersFinished());
    const report = submitted!;
    await getExternalWorkflowHandle(parentWorkflowId).signal(reportSubmittedSignal, report);
    return report;
  } catch (error) {
    if (isCancellation(error)) {
      // The cycle was cancelled: stop what this unit started, then end as cancelled.
      const open = [...pendingReviews.values(), ...[...pendingChildren].map((childId) => unitWorkflowId(input.cycleId, childId))];
      await CancellationScope.nonCancellable(() => cancelWorkflows({ workflowIds: open }));
    }
    throw error;
  }
}

function startChildUnit(cycleId: string, parentUnitId: string, unitId: string, parentWorkflowId: string) {
  return startChild(unitReviewWorkflow, {
    workflowId: unitWorkflowId(cycleId, unitId),
    args: [{ cycleId, unitId, parentUnitId, parentWorkflowId }],
    // Children report back by signal; abandoning them lets this workflow continue as new.
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: reviewSearchAttributes(cycleId, unitId),
  });
}
