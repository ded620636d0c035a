import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cycleBody } from '../support/cycle-body.js';
import { threeLevelOrg } from '../support/org-fixture.js';
import { ok } from '../support/problems.js';
import { waitRunning } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// POST /cycles records the cycle, then starts its workflow. When starting errs, the row is kept if
// the workflow runs after all (the start landed and only its answer was lost), and forgotten only
// when Temporal says there is no such workflow.
describe('POST /cycles when starting the workflow errs', () => {
  let app: TestApp;
  const org = threeLevelOrg(uniquePrefix('launch-lost'));
  let restoreStart = () => {};

  /** The API's own Temporal client fails its next start: after the start landed (`landed`) or before. */
  function failNextStart(landed: boolean): void {
    const workflows = app.product.temporal.workflow;
    const start = workflows.start.bind(workflows);
    restoreStart = () => void (workflows.start = start);
    workflows.start = (async (...args: Parameters<typeof start>) => {
      restoreStart();
      if (landed) await start(...args);
      throw Object.assign(new Error('4 DEADLINE_EXCEEDED: Deadline exceeded'), { code: 4 });
    }) as typeof start;
  }

  before(async () => {
    app = await startTestApp();
    ok(await app.admin.post('/org/import', org.payload));
  });
  after(() => {
    restoreStart();
    return app?.stop();
  });

  it('forgets the cycle when the workflow did not start, so launching again works', async () => {
    failNextStart(false);
    const failed = await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2031 }));
    assert.ok(failed.status >= 500, `status ${failed.status}`);
    const listed = ok(await app.admin.get('/cycles?year=2031'));
    assert.equal(listed.items.filter((c: any) => c.rootUnitId === org.rootId).length, 0);
    ok(await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2031 })), 201);
  });

  it('keeps the cycle whose workflow started although the answer was lost', async () => {
    failNextStart(true);
    const created = await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2032 }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await waitRunning(app.admin, created.body.id);
    const described = await app.product.temporal.workflow.getHandle(created.body.workflowId).describe();
    assert.equal(described.status.name, 'RUNNING');
  });
});
