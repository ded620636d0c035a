import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Context } from '@temporalio/activity';
import type { temporal } from '@temporalio/proto';
import { createActivities } from '../../libs/activities/index.js';
import { reviewClosedSignal, unitProgressQuery } from '../../libs/temporal/definitions.js';
import { unitWorkflowId } from '../../libs/temporal/workflow-ids.js';
import type { ReviewClosed } from '../../libs/temporal/workflow-inputs.js';
import type { ReviewState } from '../../libs/domain/review/review-state.js';
import { threeLevelOrg, type OrgFixture } from '../support/org-fixture.js';
import { eventually, launchCycle } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTestWorker, type RunningTestWorker } from '../support/test-worker.js';
import { uniquePrefix } from '../support/test-env.js';
import { WorkflowDriver } from '../support/workflow-driver.js';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const text = (data: Uint8Array | null | undefined) => (data ? Buffer.from(data).toString('utf8') : '');
/** The local activity a marker records, read from its details (the SDK's marker data names it). */
const markerOf = (event: HistoryEvent) =>
  Object.values(event.markerRecordedEventAttributes?.details ?? {})
    .flatMap((payloads) => payloads.payloads ?? [])
    .map((p) => text(p.data))
    .join(' ');

// Since close-signal-in-task-v1 the action that closes a review tells the owner unit from a local
// activity after PostgreSQL stored the close, and the review completes in that action's own
// workflow task: no signal command, no wait for its delivery, no second task for the review.
describe('a close reaches its owner unit within the closing task', () => {
  let app: TestApp;
  let org: OrgFixture;
  let drive: WorkflowDriver;
  let cycleId: string;
  let owned: ReviewState[];
  let unitId: string;

  before(async () => {
    app = await startTestApp();
    drive = new WorkflowDriver(app.product.temporal, app.product.db);
    org = threeLevelOrg(uniquePrefix('close-in-task'));
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);
    cycleId = await launchCycle(app.admin, org.rootId);
    unitId = (await drive.review(cycleId, org.id('g-mem1'))).ownerUnitId;
    owned = (await drive.reviews(cycleId)).filter((r) => r.ownerUnitId === unitId);
    assert.ok(owned.length >= 2, `the unit decides ${owned.length} reviews`);
  });

  after(() => app?.stop());

  const unit = () => app.product.temporal.workflow.getHandle(unitWorkflowId(cycleId, unitId));
  const pending = async () => (await unit().query(unitProgressQuery)).pendingReviews;
  /** How many reviewClosed signals the unit's history holds for the review. */
  const closeSignals = async (reviewId: string) =>
    ((await unit().fetchHistory()).events ?? []).filter(
      (e) => e.workflowExecutionSignaledEventAttributes?.signalName === reviewClosedSignal.name &&
        text(e.workflowExecutionSignaledEventAttributes.input?.payloads?.[0]?.data).includes(reviewId),
    ).length;

  it('completes the review in the task of the approval that closed it, and the unit hears it once', async () => {
    const review = owned[0]!;
    const before = await pending();
    const done = await drive.complete(review, 'good');
    assert.equal(done.status, 'done');
    const closed = await drive.handle(review).result();
    assert.equal(closed.reviewId, review.reviewId);

    const events = (await drive.handle(review).fetchHistory()).events ?? [];
    const lastUpdate = events.findLastIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    assert.ok(lastUpdate > 0, 'the approval is in the review history');
    // The server writes a task's commands after its WorkflowTaskCompleted: the update's task is the
    // one started just before the update was accepted, and it is the last task the review ran.
    const taskStarted = events.findLastIndex((e, i) => i < lastUpdate && e.workflowTaskStartedEventAttributes);
    const closingTask = events.slice(taskStarted);
    assert.equal(closingTask.filter((e) => e.workflowTaskCompletedEventAttributes).length, 1, 'one workflow task from the closing update to the end');
    const afterUpdate = events.slice(lastUpdate);
    assert.equal(afterUpdate.filter((e) => e.workflowTaskScheduledEventAttributes || e.workflowTaskCompletedEventAttributes).length, 0, 'no second task');
    assert.ok(afterUpdate.some((e) => e.workflowExecutionUpdateCompletedEventAttributes), 'the update outcome is recorded');
    assert.ok(events.at(-1)?.workflowExecutionCompletedEventAttributes, 'the review completed');
    assert.equal(events.filter((e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes).length, 0, 'no signal command');
    const markers = afterUpdate.filter((e) => e.markerRecordedEventAttributes).map(markerOf);
    assert.ok(markers.some((m) => m.includes('close-signal-in-task-v1')), 'the patch marker');
    const told = markers.find((m) => m.includes('signalOwnerClosed'));
    assert.ok(told?.includes(unitWorkflowId(cycleId, unitId)), `the delivery marker names the owner unit: ${told}`);

    assert.equal(await closeSignals(review.reviewId), 1);
    assert.equal(await pending(), before - 1);
  });

  it('counts a review once when the close is signalled again (a retried local activity)', async () => {
    const review = owned[0]!;
    const { signalOwnerClosed } = createActivities({ db: app.product.db, temporal: app.product.temporal, taskQueue: app.config.temporal.taskQueue, startConcurrency: 1 });
    const closed: ReviewClosed = await drive.handle(review).result();
    const left = await pending();
    assert.ok(left > 0, 'the unit still waits for its other reviews');
    for (let attempt = 0; attempt < 2; attempt++) {
      assert.deepEqual(await signalOwnerClosed({ ownerWorkflowId: unitWorkflowId(cycleId, unitId), closed }), { ownerWorkflowId: unitWorkflowId(cycleId, unitId), delivered: true });
    }
    await eventually(async () => assert.equal(await closeSignals(review.reviewId), 3));
    assert.equal(await pending(), left, 'the repeated closes change nothing');
    assert.equal(await drive.reportStatus(cycleId, unitId), 'collecting', 'no report before the other reviews close');

    // The rest close; the report counts each review of the unit once.
    for (const other of owned.slice(1)) await drive.complete(other, 'good');
    await eventually(async () => assert.ok(['ready', 'calibration_needed'].includes((await drive.reportStatus(cycleId, unitId)) ?? '')));
    assert.equal(await pending(), 0);
    const [report]: Array<{ people: { total: number }; units: { total: number } }> = await app.product.db.query(
      'SELECT people, units FROM reports WHERE cycle_id = $1 AND unit_id = $2',
      [cycleId, unitId],
    );
    const [{ n }]: Array<{ n: number }> = await app.product.db.query(
      `SELECT count(*)::int AS n FROM reviews WHERE cycle_id = $1 AND owner_unit_id = $2 AND status = 'done'`,
      [cycleId, unitId],
    );
    assert.equal(n, owned.length);
    assert.equal(report!.people.total + report!.units.total, owned.length);
  });

  it('treats an owner unit that has closed, or never ran, as told', async () => {
    const { signalOwnerClosed } = createActivities({ db: app.product.db, temporal: app.product.temporal, taskQueue: app.config.temporal.taskQueue, startConcurrency: 1 });
    const closed: ReviewClosed = await drive.handle(owned[0]!).result();
    const missing = unitWorkflowId(cycleId, 'no-such-unit');
    assert.deepEqual(await signalOwnerClosed({ ownerWorkflowId: missing, closed }), { ownerWorkflowId: missing, delivered: false });
    await unit().terminate('closed before the signal');
    assert.deepEqual(await signalOwnerClosed({ ownerWorkflowId: unitWorkflowId(cycleId, unitId), closed }), { ownerWorkflowId: unitWorkflowId(cycleId, unitId), delivered: false });
  });
});

// A local activity that signalled and then failed (its worker lost the answer) runs again: the
// unit hears the close twice and counts it once; the review still completes in the closing task.
describe('a close signalled again by a retried local activity', () => {
  const queue = `test-${randomBytes(6).toString('hex')}`;
  let app: TestApp;
  let worker: RunningTestWorker | null = null;
  const failedAfterSignal = new Set<string>();

  before(async () => {
    app = await startTestApp({ TEMPORAL_TASK_QUEUE: queue });
    app.product.worker.shutdown();
    await eventually(async () => assert.equal(app.product.worker.getState(), 'STOPPED'));
    const activities = createActivities({ db: app.product.db, temporal: app.product.temporal, taskQueue: queue, startConcurrency: 4 });
    const signal = activities.signalOwnerClosed;
    activities.signalOwnerClosed = async (input) => {
      const told = await signal(input);
      if (Context.current().info.attempt === 1) {
        failedAfterSignal.add(input.closed.reviewId);
        throw new Error('the worker lost the answer after signalling');
      }
      return told;
    };
    worker = await startTestWorker(app, queue, activities);
  });
  after(async () => {
    await worker?.close();
    await app?.stop();
  });

  it("counts each of the unit's reviews once and reports them all", async () => {
    const drive = new WorkflowDriver(app.product.temporal, app.product.db);
    const org = threeLevelOrg(uniquePrefix('close-retried'));
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);
    const cycleId = await launchCycle(app.admin, org.rootId);
    const unitId = (await drive.review(cycleId, org.id('g-mem1'))).ownerUnitId;
    const owned = (await drive.reviews(cycleId)).filter((r) => r.ownerUnitId === unitId);
    const unit = app.product.temporal.workflow.getHandle(unitWorkflowId(cycleId, unitId));
    const signals = async () =>
      ((await unit.fetchHistory()).events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === reviewClosedSignal.name).length;

    const first = owned[0]!;
    await drive.complete(first, 'good');
    assert.equal((await drive.handle(first).result()).status, 'done');
    assert.ok(failedAfterSignal.has(first.reviewId), 'the first attempt signalled, then failed');
    await eventually(async () => assert.equal(await signals(), 2));
    assert.equal((await unit.query(unitProgressQuery)).pendingReviews, owned.length - 1, 'the close counted once');
    const events = (await drive.handle(first).fetchHistory()).events ?? [];
    const lastUpdate = events.findLastIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    assert.equal(events.slice(lastUpdate).filter((e) => e.workflowTaskScheduledEventAttributes).length, 0, 'retried within the closing task');

    for (const other of owned.slice(1)) await drive.complete(other, 'good');
    await eventually(async () => assert.ok(['ready', 'calibration_needed'].includes((await drive.reportStatus(cycleId, unitId)) ?? '')));
    assert.equal(await signals(), owned.length * 2);
    const [report]: Array<{ people: { total: number }; units: { total: number } }> = await app.product.db.query(
      'SELECT people, units FROM reports WHERE cycle_id = $1 AND unit_id = $2',
      [cycleId, unitId],
    );
    assert.equal(report!.people.total + report!.units.total, owned.length);
  });
});
