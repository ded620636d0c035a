import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { registryChangesWorkflowId } from '../../libs/temporal/workflow-ids.js';
import { newKey } from '../support/api-client.js';
import { buildOrg, type OrgFixture } from '../support/org-fixture.js';
import { eventually, launchCycle } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// Issue #10 item 7d: an import's changes to a running cycle never travel as one payload. From
// about 5,000 changes the plan passed Temporal's 2 MB limit and its delivery retried forever; here
// a few hundred changes show that no activity input or result grows with their number.

const MEMBERS = 150;
/** Far below what one change list of this import weighs (about 250 bytes a change). */
const PAYLOAD_CEILING = 4_096;

describe('registry changes planned and delivered page by page', () => {
  let app: TestApp;
  let org: OrgFixture;
  let cycleId: string;

  before(async () => {
    app = await startTestApp();
    const members = Array.from({ length: MEMBERS }, (_, i) => [`m${i}`, 'member'] as [string, 'member']);
    org = buildOrg(uniquePrefix('pages'), { id: 'P', kind: 'province', people: [['p-sec', 'secretary']], children: [{ id: 'D', kind: 'district', people: [['d-sec', 'secretary'], ...members] }] });
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);
    cycleId = await launchCycle(app.admin, org.rootId);
  });
  after(() => app?.stop());

  it('strikes off every member with no activity payload growing with the number of changes', async () => {
    const struckOff = org.payload.people.filter((p) => p.position === 'member').map((p) => ({ ...p, status: 'struck_off' }));
    const key = newKey();
    const res = await app.admin.post('/org/import', { people: struckOff }, { idempotencyKey: key });
    assert.equal(res.status, 200, JSON.stringify(res.body));

    const importId = `${app.config.auth.adminUsername}/${key}`;
    const handle = app.product.temporal.workflow.getHandle(registryChangesWorkflowId(importId));
    assert.deepEqual(await handle.result(), { cycles: 1, changes: MEMBERS });

    const sizes: Array<{ event: string; bytes: number }> = [];
    for (const event of (await handle.fetchHistory()).events ?? []) {
      const payloads = event.activityTaskScheduledEventAttributes?.input?.payloads ?? event.activityTaskCompletedEventAttributes?.result?.payloads ?? [];
      const bytes = payloads.reduce((sum, p) => sum + (p.data?.length ?? 0), 0);
      if (payloads.length > 0) sizes.push({ event: String(event.eventType), bytes });
    }
    assert.ok(sizes.length > 0, 'the workflow ran activities');
    for (const size of sizes) assert.ok(size.bytes < PAYLOAD_CEILING, `an activity payload of ${size.bytes} bytes: ${JSON.stringify(sizes)}`);

    // The plan is in PostgreSQL, under the import and the cycle, a retry finds it there.
    const [plan] = await app.product.db.query('SELECT changes, pages FROM registry_change_plans WHERE import_id = $1 AND cycle_id = $2', [importId, cycleId]);
    assert.deepEqual(plan, { changes: MEMBERS, pages: 2 });

    await eventually(async () => {
      const [{ n }] = await app.product.db.query(`SELECT count(*)::int AS n FROM reviews WHERE cycle_id = $1 AND status = 'withdrawn'`, [cycleId]);
      assert.equal(n, MEMBERS);
    });
  });
});
