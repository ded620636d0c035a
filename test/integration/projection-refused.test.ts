import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../libs/domain/errors.js';
import type { ReviewState } from '../../libs/domain/review/review-state.js';
import type { UpdateDefinition } from '@temporalio/common';
import {
  assignTargetsUpdate,
  cancelCycleUpdate,
  cycleProgressQuery,
  decideRemediationUpdate,
  reviewStateQuery,
  submitRemediationPlanUpdate,
  submitReviewUpdate,
  submitSelfAssessmentUpdate,
} from '../../libs/temporal/definitions.js';
import { domainErrorIn } from '../../libs/temporal/failure-codec.js';
import { cycleBody } from '../support/cycle-body.js';
import { buildOrg } from '../support/org-fixture.js';
import { ok } from '../support/problems.js';
import { eventually, waitRunning } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';
import { WorkflowDriver } from '../support/workflow-driver.js';

// The API refuses text PostgreSQL cannot store before any workflow acts; this is the workflows'
// own guarantee under it, for any client of Temporal: a change PostgreSQL refuses for good
// changes nothing in the workflow, and the correct action is then taken as if nothing happened.
const NUL = 'a\u0000b';

describe('a change PostgreSQL refuses leaves the workflow as it was', () => {
  let app: TestApp;
  let drive: WorkflowDriver;
  // One subject each: r-mem reviewed by r-sec; R's report completes the cycle.
  const org = buildOrg(uniquePrefix('refused'), { id: 'R', kind: 'grassroots', people: [['r-sec', 'secretary'], ['r-mem', 'member']] });
  const other = buildOrg(uniquePrefix('refused-c'), { id: 'S', kind: 'grassroots', people: [['s-sec', 'secretary'], ['s-mem', 'member']] });
  let cycleId: string;

  before(async () => {
    app = await startTestApp();
    drive = new WorkflowDriver(app.product.temporal, app.product.db);
    ok(await app.admin.post('/org/import', org.payload));
    ok(await app.admin.post('/org/import', other.payload));
    cycleId = ok(await app.admin.post('/cycles', cycleBody(org.rootId)), 201).id;
    await waitRunning(app.admin, cycleId);
  });
  after(() => app?.stop());

  const storedReview = async (reviewId: string) => {
    const [row] = await app.product.db.query('SELECT version, step, status, state FROM reviews WHERE id = $1', [reviewId]);
    const [{ events }] = await app.product.db.query('SELECT count(*)::int AS events FROM review_events WHERE review_id = $1', [reviewId]);
    return { row, events };
  };

  /** The update is refused as a validation error; neither the workflow nor PostgreSQL changed. */
  async function refusedWithoutEffect(review: ReviewState, action: () => Promise<unknown>): Promise<void> {
    const handle = drive.handle(review);
    const stateBefore = await handle.query(reviewStateQuery);
    const storedBefore = await storedReview(review.reviewId);
    await assert.rejects(action(), (error) => domainErrorIn(error)?.code === ErrorCode.ValidationFailed);
    assert.deepEqual(await handle.query(reviewStateQuery), stateBefore);
    assert.deepEqual(await storedReview(review.reviewId), storedBefore);
  }

  it('at every step of a review, which then takes the correct action', async () => {
    const review = await drive.review(cycleId, org.id('r-mem'));
    const update = <A>(definition: UpdateDefinition<ReviewState, [A]>, command: A) => drive.handle(review).executeUpdate(definition, { args: [command] });
    const reviewer = review.reviewerId;
    const self = review.selfActorId;

    await refusedWithoutEffect(review, () => update(assignTargetsUpdate, { actorId: reviewer, targets: [{ title: NUL, weight: 100 }] }));
    assert.equal((await update(assignTargetsUpdate, { actorId: reviewer, targets: [{ title: 'Year plan', weight: 100 }] })).step, 'self_assessment');

    const assessment = { actorId: self, results: [{ targetIndex: 0, achievement: 90 }], generalScore: 26, proposedClassification: 'good' as const, summary: 'Done as planned' };
    await refusedWithoutEffect(review, () => update(submitSelfAssessmentUpdate, { ...assessment, summary: NUL }));
    assert.equal((await update(submitSelfAssessmentUpdate, assessment)).step, 'superior_review');

    await refusedWithoutEffect(review, () => update(submitReviewUpdate, { actorId: reviewer, decision: 'return', comment: NUL }));
    const approval = { actorId: reviewer, decision: 'approve' as const, classification: 'good' as const, comment: 'Agreed', shortcomings: ['Late minutes'] };
    await refusedWithoutEffect(review, () => update(submitReviewUpdate, { ...approval, shortcomings: [NUL] }));
    assert.equal((await update(submitReviewUpdate, approval)).step, 'remediation_plan');

    await refusedWithoutEffect(review, () => update(submitRemediationPlanUpdate, { actorId: self, items: [{ action: NUL, dueDate: '2027-06-30' }] }));
    assert.equal((await update(submitRemediationPlanUpdate, { actorId: self, items: [{ action: 'Keep minutes on time', dueDate: '2027-06-30' }] })).step, 'remediation_plan');
    await refusedWithoutEffect(review, () => update(decideRemediationUpdate, { actorId: reviewer, decision: 'approve', comment: NUL }));
    const done = await update(decideRemediationUpdate, { actorId: reviewer, decision: 'approve', comment: 'Good plan' });
    assert.equal(done.status, 'done');
    assert.equal((await storedReview(review.reviewId)).row.status, 'done');
  });

  it('on report submission, which then goes through and completes the cycle', async () => {
    const report = async () => (await app.product.db.query('SELECT status, summary FROM reports WHERE cycle_id = $1 AND unit_id = $2', [cycleId, org.rootId]))[0];
    await eventually(async () => assert.equal((await report())?.status, 'ready'));
    await assert.rejects(drive.submitReport(cycleId, org.rootId, org.id('r-sec'), NUL), (error) => domainErrorIn(error)?.code === ErrorCode.ValidationFailed);
    assert.deepEqual(await report(), { status: 'ready', summary: null });
    // Before the fix the unit had moved to `submitted`: this second try was a 409 and the cycle never completed.
    await drive.submitReport(cycleId, org.rootId, org.id('r-sec'), 'Our year');
    assert.deepEqual(await report(), { status: 'submitted', summary: 'Our year' });
    await eventually(async () => assert.equal(ok(await app.admin.get(`/cycles/${cycleId}`)).status, 'completed'));
  });

  it('on cancel, which then cancels the cycle and its reviews', async () => {
    const created = ok(await app.admin.post('/cycles', cycleBody(other.rootId)), 201);
    await waitRunning(app.admin, created.id);
    const cycle = app.product.temporal.workflow.getHandle(created.workflowId);
    const openReviews = async () => (await app.product.db.query(`SELECT count(*)::int AS n FROM reviews WHERE cycle_id = $1 AND status = 'open'`, [created.id]))[0].n;
    const reviewsBefore = await openReviews();
    assert.ok(reviewsBefore > 0);

    await assert.rejects(cycle.executeUpdate(cancelCycleUpdate, { args: [{ actorId: 'test-admin', reason: NUL }] }), (error) => domainErrorIn(error)?.code === ErrorCode.ValidationFailed);
    assert.equal((await cycle.query(cycleProgressQuery)).status, 'running');
    assert.equal(ok(await app.admin.get(`/cycles/${created.id}`)).status, 'running');
    assert.equal(await openReviews(), reviewsBefore);

    // Before the fix the workflow said cancelled while PostgreSQL said running, and refused this.
    await cycle.executeUpdate(cancelCycleUpdate, { args: [{ actorId: 'test-admin', reason: 'Registry rebuilt' }] });
    assert.equal(ok(await app.admin.get(`/cycles/${created.id}`)).status, 'cancelled');
    // The cancel is recorded at once; its operation then sweeps the reviews in batches.
    await eventually(async () => assert.equal(await openReviews(), 0));
  });
});
