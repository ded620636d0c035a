import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { threeLevelOrg } from '../support/org-fixture.js';
import { ok } from '../support/problems.js';
import { allReviews, eventually, launchCycle, type ReviewSummary } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// The id that dedupes an import's changes to running cycles is the server's (or the caller's
// Idempotency-Key), never the X-Request-Id a client chose: two imports sent with the same one are
// two imports.
describe('imports are keyed by ids the server makes', () => {
  let app: TestApp;
  const org = threeLevelOrg(uniquePrefix('e2e-imp-id'));
  let review: ReviewSummary;
  const moveTo = (unit: string) => ({ units: [], people: [{ id: org.id('g-mem1'), name: 'Person g-mem1', unitId: org.id(unit), position: 'member' }] });
  const runningImports = async () => {
    const running: string[] = [];
    const query = `WorkflowType = 'registryChangesWorkflow' AND ExecutionStatus = 'Running' AND TaskQueue = '${app.config.temporal.taskQueue}'`;
    for await (const w of app.product.temporal.workflow.list({ query })) running.push(w.workflowId);
    return running;
  };
  const reviewerNow = async () => ok(await app.admin.get(`/reviews/${review.id}`)).reviewerId as string;

  before(async () => {
    app = await startTestApp();
    ok(await app.admin.post('/org/import', org.payload));
    const cycleId = await launchCycle(app.admin, org.rootId);
    review = (await allReviews(app.admin, cycleId)).find((r) => r.subject.id === org.id('g-mem1'))!;
  });
  after(() => app?.stop());

  it('applies both of two imports sent with the same X-Request-Id to the running cycle', async () => {
    const requestId = `${org.prefix}-same-request-id`;
    const first = await app.admin.post('/org/import', moveTo('D'), { headers: { 'x-request-id': requestId } });
    ok(first);
    await eventually(async () => assert.equal(await reviewerNow(), org.id('d-sec')));

    const second = await app.admin.post('/org/import', moveTo('G'), { headers: { 'x-request-id': requestId } });
    ok(second);
    await eventually(async () => assert.equal(await reviewerNow(), org.id('g-sec')));
    const history = ok(await app.admin.get(`/reviews/${review.id}/history`)).events as Array<{ type: string }>;
    assert.equal(history.filter((e) => e.type === 'review.reassigned').length, 2, JSON.stringify(history));
    // Two imports, two workflows applying them; let them finish before the worker stops.
    await eventually(async () => assert.deepEqual(await runningImports(), []));
  });
});
