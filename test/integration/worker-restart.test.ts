import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createReviewWorker } from '../../apps/worker/review-worker.js';
import { cycleWorkflowId } from '../../libs/temporal/workflow-ids.js';
import { threeLevelOrg, type OrgFixture } from '../support/org-fixture.js';
import { eventually, launchCycle } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';
import { WorkflowDriver } from '../support/workflow-driver.js';

describe('a worker restarted in the middle of a cycle', () => {
  let app: TestApp;
  let org: OrgFixture;
  let drive: WorkflowDriver;

  before(async () => {
    app = await startTestApp();
    drive = new WorkflowDriver(app.product.temporal, app.product.db);
    org = threeLevelOrg(uniquePrefix('restart'));
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);
  });

  after(() => app?.stop());

  it('loses nothing: the cycle carries on with a new worker from where it was', async () => {
    const cycleId = await launchCycle(app.admin, org.rootId);

    // Half the reviews move before the restart, one of them is left mid-way.
    const reviews = await drive.reviews(cycleId);
    const [midway, ...rest] = reviews;
    await drive.assignTargets(midway!);
    await drive.selfAssess(midway!);
    const before = rest.slice(0, 3);
    for (const review of before) await drive.complete(review);

    await app.product.worker.shutdown();
    const fresh = await createReviewWorker({ config: app.config, db: app.product.db, client: app.product.temporal });
    const running = fresh.worker.run();
    try {
      const resumed = await drive.approve(midway!, 'good');
      assert.equal(resumed.status, 'done');
      assert.equal(resumed.selfAssessment?.summary, 'As planned', 'the state from before the restart is still there');
      for (const review of rest.slice(3)) await drive.complete(review);

      for (const [unit, head] of [['G', 'g-sec'], ['D', 'd-sec'], ['P', 'p-sec']] as const) {
        await eventually(async () => assert.equal(await drive.reportStatus(cycleId, org.id(unit)), 'ready'));
        await drive.submitReport(cycleId, org.id(unit), org.id(head));
      }
      const outcome = await app.product.temporal.workflow.getHandle(cycleWorkflowId(cycleId)).result();
      assert.equal(outcome.status, 'completed');
      assert.equal(outcome.rootReport.people.total + outcome.rootReport.units.total, reviews.length);
    } finally {
      fresh.worker.shutdown();
      await running;
      await fresh.connection.close();
    }
  });
});
