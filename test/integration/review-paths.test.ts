import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ErrorCode } from '../../libs/domain/errors.js';
import { domainErrorIn } from '../../libs/temporal/failure-codec.js';
import { submitReviewUpdate } from '../../libs/temporal/definitions.js';
import { threeLevelOrg, type OrgFixture } from '../support/org-fixture.js';
import { launchCycle } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';
import { WorkflowDriver } from '../support/workflow-driver.js';

describe('the paths a review takes', () => {
  let app: TestApp;
  let org: OrgFixture;
  let drive: WorkflowDriver;
  let cycleId: string;

  before(async () => {
    app = await startTestApp();
    drive = new WorkflowDriver(app.product.temporal, app.product.db);
    org = threeLevelOrg(uniquePrefix('paths'));
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);
    cycleId = await launchCycle(app.admin, org.rootId);
  });

  after(() => app?.stop());

  const historyTypes = async (reviewId: string) =>
    ((await app.product.db.query("SELECT type FROM review_events WHERE review_id = $1 ORDER BY seq", [reviewId])) as Array<{ type: string }>).map((e) => e.type);
  const openTasks = async (reviewId: string) =>
    app.product.db.query(`SELECT id, kind, assignee_id FROM tasks WHERE review_id = $1 AND status = 'open'`, [reviewId]);

  it('returns the review to self-assessment when the reviewer returns it, and takes the resubmission', async () => {
    const review = await drive.review(cycleId, org.id('g-mem1'));
    await drive.assignTargets(review);
    const first = await drive.selfAssess(review);
    const returned = await drive.returnForRevision(review, 'Add the training certificates');
    assert.equal(returned.step, 'self_assessment');
    assert.equal(returned.review?.decision, 'return');
    const [task] = await openTasks(review.reviewId);
    assert.equal(task.kind, 'self_assess');
    assert.equal(task.assignee_id, org.id('g-mem1'));
    assert.notEqual(task.id, first.task?.id);

    await drive.selfAssess(review);
    const approved = await drive.approve(review, 'good');
    assert.equal(approved.status, 'done');
    assert.deepEqual(await historyTypes(review.reviewId), [
      'review.launched',
      'targets.assigned',
      'self_assessment.submitted',
      'review.returned',
      'self_assessment.submitted',
      'review.approved',
    ]);
    assert.deepEqual(await openTasks(review.reviewId), []);
  });

  it('requires a remediation plan for a completed classification, and loops until the reviewer approves it', async () => {
    const review = await drive.review(cycleId, org.id('g-mem2'));
    await drive.assignTargets(review);
    await drive.selfAssess(review, 'completed');
    const approved = await drive.approve(review, 'completed');
    assert.equal(approved.step, 'remediation_plan');
    assert.equal(approved.task?.kind, 'submit_remediation');
    await drive.submitPlan(review);
    const returned = await drive.decidePlan(review, 'return');
    assert.equal(returned.remediationPlan?.status, 'returned');
    assert.equal(returned.task?.kind, 'submit_remediation');
    await drive.submitPlan(review);
    const done = await drive.decidePlan(review, 'approve');
    assert.equal(done.status, 'done');
    assert.equal(done.remediationPlan?.status, 'approved');
    assert.equal(done.classification, 'completed');
  });

  it('requires a remediation plan when the review lists shortcomings, even for good', async () => {
    const review = await drive.review(cycleId, org.id('d-mem'));
    await drive.assignTargets(review);
    await drive.selfAssess(review);
    const approved = await drive.approve(review, 'good', ['Late monthly reports']);
    assert.equal(approved.step, 'remediation_plan');
  });

  it('goes straight to done when no plan is required', async () => {
    const review = await drive.review(cycleId, org.id('p-mem'));
    const done = await drive.complete(review, 'excellent');
    assert.equal(done.step, 'done');
    assert.equal(done.remediationPlan, null);
  });

  it('refuses a wrong actor and a wrong step in the validator, writing nothing', async () => {
    const review = await drive.review(cycleId, org.id('p-dep'));
    const refusal = async (call: Promise<unknown>) => {
      const error = await call.then(() => null, (e: unknown) => e);
      assert.ok(error instanceof WorkflowUpdateFailedError, String(error));
      return domainErrorIn(error)?.code;
    };
    assert.equal(await refusal(drive.assignTargets(review, org.id('p-dep'))), ErrorCode.Forbidden);
    assert.equal(await refusal(drive.selfAssess(review)), ErrorCode.WrongStep);
    assert.deepEqual(await historyTypes(review.reviewId), ['review.launched']);
    const { events } = await drive.handle(review).fetchHistory();
    const accepted = events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes) ?? [];
    assert.equal(accepted.length, 0, 'a rejected update leaves no trace in the workflow history');
  });

  it('applies an update id once: the same id twice has one effect', async () => {
    const review = await drive.review(cycleId, org.id('d-sec'));
    await drive.assignTargets(review);
    await drive.selfAssess(review);
    const command = { actorId: review.reviewerId, decision: 'return' as const, comment: 'once' };
    const first = await drive.handle(review).executeUpdate(submitReviewUpdate, { args: [command], updateId: 'same-key' });
    const second = await drive.handle(review).executeUpdate(submitReviewUpdate, { args: [command], updateId: 'same-key' });
    assert.equal(first.seq, second.seq);
    assert.equal((await historyTypes(review.reviewId)).filter((t) => t === 'review.returned').length, 1);
  });

  it('lets only one of two concurrent decisions through', async () => {
    const review = await drive.review(cycleId, org.id('g-sec'));
    await drive.assignTargets(review);
    await drive.selfAssess(review);
    const results = await Promise.allSettled([drive.approve(review, 'good'), drive.returnForRevision(review)]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    // Whichever lands second finds the step moved on: approve 'good' ends the review, return reopens self-assessment.
    // Since close-signal-in-task-v1 the approval's own task completes the review, so a return that reaches
    // the server while that task runs finds the workflow closing: the API answers it 409, closed (throughTemporal).
    const code = domainErrorIn(rejected.reason)?.code;
    if (code === undefined) {
      assert.ok(rejected.reason instanceof WorkflowNotFoundError && /closing workflow/.test(rejected.reason.message), String(rejected.reason));
      assert.equal((await drive.handle(review).describe()).status.name, 'COMPLETED');
    } else {
      assert.ok([ErrorCode.WrongStep, ErrorCode.AlreadyDone].includes(code), String(rejected.reason));
    }
  });
});
