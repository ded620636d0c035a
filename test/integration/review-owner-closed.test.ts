import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { unitWorkflowId } from '../../libs/temporal/workflow-ids.js';
import { threeLevelOrg, type OrgFixture } from '../support/org-fixture.js';
import { launchCycle } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';
import { WorkflowDriver } from '../support/workflow-driver.js';

// A review tells its owner unit it closed; the unit may have closed first (ended by an operator,
// or gone by another path). The review still completes: nobody is left to wait for the signal.
describe('a review whose owner unit has closed', () => {
  let app: TestApp;
  let org: OrgFixture;
  let drive: WorkflowDriver;
  let cycleId: string;

  before(async () => {
    app = await startTestApp();
    drive = new WorkflowDriver(app.product.temporal, app.product.db);
    org = threeLevelOrg(uniquePrefix('owner-closed'));
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);
    cycleId = await launchCycle(app.admin, org.rootId);
  });

  after(() => app?.stop());

  it('completes instead of failing when it cannot tell the closed owner unit', async () => {
    const review = await drive.review(cycleId, org.id('g-mem1'));
    await app.product.temporal.workflow.getHandle(unitWorkflowId(cycleId, review.ownerUnitId)).terminate('closed before its review');
    const done = await drive.complete(review, 'good');
    assert.equal(done.status, 'done');
    const closed = await drive.handle(review).result();
    assert.equal(closed.status, 'done');
    assert.equal((await drive.handle(review).describe()).status.name, 'COMPLETED');
  });
});
