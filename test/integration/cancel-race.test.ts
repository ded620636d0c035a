import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeRecordCycleCancelled } from '../../libs/activities/cycle.activities.js';
import { makePlanUnit } from '../../libs/activities/plan-unit.activity.js';
import { ErrorCode } from '../../libs/domain/errors.js';
import { reviewStateQuery } from '../../libs/temporal/definitions.js';
import { domainErrorIn } from '../../libs/temporal/failure-codec.js';
import { buildOrg } from '../support/org-fixture.js';
import { launchCycle } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';
import { WorkflowDriver } from '../support/workflow-driver.js';

// A cancel sweeps PostgreSQL first and stops the workflows after. In between, the real activities
// run exactly as the worker runs them: what lands in that window must change nothing.
describe('the moment between a cancel’s sweep and the workflows stopping', () => {
  let app: TestApp;
  let drive: WorkflowDriver;
  const org = buildOrg(uniquePrefix('cancel-race'), { id: 'R', kind: 'grassroots', people: [['r-sec', 'secretary'], ['r-mem', 'member']] });
  let cycleId: string;

  before(async () => {
    app = await startTestApp();
    drive = new WorkflowDriver(app.product.temporal, app.product.db);
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);
    cycleId = await launchCycle(app.admin, org.rootId);
    await makeRecordCycleCancelled(app.product.db)({ cycleId, actorId: 'test-admin', reason: 'Registry was wrong', at: new Date().toISOString() });
  });
  after(() => app?.stop());

  const events = async (reviewId: string) =>
    (await app.product.db.query('SELECT seq, type FROM review_events WHERE review_id = $1 ORDER BY seq', [reviewId])) as Array<{ seq: number; type: string }>;

  it('refuses a review action as closed and writes nothing, however many come', async () => {
    const review = await drive.review(cycleId, org.id('r-mem'));
    assert.equal(review.status, 'cancelled');
    const eventsBefore = await events(review.reviewId);
    const stateBefore = await drive.handle(review).query(reviewStateQuery);
    // Before: the first action's event reused the sweep's sequence number and was dropped with a 200; the next reopened the row.
    for (let i = 0; i < 2; i++) {
      await assert.rejects(drive.assignTargets(stateBefore), (error) => domainErrorIn(error)?.code === ErrorCode.Closed);
    }
    assert.deepEqual(await events(review.reviewId), eventsBefore);
    assert.equal((await drive.review(cycleId, org.id('r-mem'))).status, 'cancelled');
    assert.deepEqual(await drive.handle(review).query(reviewStateQuery), stateBefore);
  });

  it('plans no review for a unit that launches after the sweep', async () => {
    const late = buildOrg(org.prefix, { id: 'L', people: [['l-sec', 'secretary'], ['l-mem', 'member']] });
    const units = late.payload.units.map((unit) => ({ ...unit, parentId: org.rootId }));
    assert.equal((await app.admin.post('/org/import', { ...late.payload, units })).status, 200);
    const plan = await makePlanUnit(app.product.db)({ cycleId, unitId: org.id('L'), parentUnitId: org.rootId });
    assert.deepEqual(plan.reviews, []);
    const [open] = await app.product.db.query(`SELECT count(*)::int AS n FROM reviews WHERE cycle_id = $1 AND status = 'open'`, [cycleId]);
    assert.equal(open.n, 0);
    const [tasks] = await app.product.db.query(`SELECT count(*)::int AS n FROM tasks WHERE cycle_id = $1 AND status = 'open'`, [cycleId]);
    assert.equal(tasks.n, 0);
  });
});
