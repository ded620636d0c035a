import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cycleWorkflowId, unitWorkflowId } from '../../libs/temporal/workflow-ids.js';
import { threeLevelOrg, type OrgFixture } from '../support/org-fixture.js';
import { eventually, launchCycle } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';
import { WorkflowDriver } from '../support/workflow-driver.js';

describe('cancelling a running cycle', () => {
  let app: TestApp;
  let org: OrgFixture;
  let drive: WorkflowDriver;

  before(async () => {
    app = await startTestApp();
    drive = new WorkflowDriver(app.product.temporal, app.product.db);
    org = threeLevelOrg(uniquePrefix('cancel'));
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);
  });

  after(() => app?.stop());

  it('ends every open review as cancelled, closes the tasks and stops the workflows; done reviews stay done', async () => {
    const cycleId = await launchCycle(app.admin, org.rootId);
    const finished = await drive.complete(await drive.review(cycleId, org.id('g-mem1')));
    assert.equal(finished.status, 'done');

    const cancelled = await app.admin.post(`/cycles/${cycleId}/cancel`, { reason: 'Registry was wrong' });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.status, 'cancelled');

    const statuses = (await drive.reviews(cycleId)).map((r) => [r.subject.id, r.status]);
    assert.deepEqual(
      statuses.filter(([, s]) => s !== 'cancelled'),
      [[org.id('g-mem1'), 'done']],
    );
    const [open] = await app.product.db.query(`SELECT count(*)::int AS n FROM tasks WHERE cycle_id = $1 AND status = 'open'`, [cycleId]);
    assert.equal(open.n, 0);

    const outcome = await app.product.temporal.workflow.getHandle(cycleWorkflowId(cycleId)).result();
    assert.equal(outcome.status, 'cancelled');
    await eventually(async () => {
      for (const review of await drive.reviews(cycleId)) {
        const { status } = await drive.handle(review).describe();
        assert.notEqual(status.name, 'RUNNING', `${review.workflowId} still runs`);
      }
      for (const unit of ['P', 'D', 'G']) {
        const { status } = await app.product.temporal.workflow.getHandle(unitWorkflowId(cycleId, org.id(unit))).describe();
        assert.equal(status.name, 'CANCELLED');
      }
    });
    const history = await app.admin.get(`/reviews/${(await drive.review(cycleId, org.id('g-mem2'))).reviewId}/history`);
    assert.equal(history.body.events.at(-1).type, 'review.cancelled');
    assert.equal(history.body.events.at(-1).data.reason, 'Registry was wrong');
  });
});
