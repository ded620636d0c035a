import assert from 'node:assert/strict';
import { buildOrg, type OrgFixture, type UnitSpec } from './org-fixture.js';
import { Participants } from './participants.js';
import { launchCycle } from './review-driver.js';
import { startTestApp, type TestApp } from './test-app.js';
import { uniquePrefix } from './test-env.js';

export interface RunningCycle {
  app: TestApp;
  people: Participants;
  org: OrgFixture;
  cycleId: string;
}

/** The setup most cycle tests share: the product, an organisation imported, and a cycle running on it. */
export async function startCycleOn(prefix: string, root: UnitSpec): Promise<RunningCycle> {
  const app = await startTestApp();
  try {
    const org = buildOrg(uniquePrefix(prefix), root);
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);
    return { app, people: new Participants(app.http), org, cycleId: await launchCycle(app.admin, org.rootId) };
  } catch (error) {
    await app.stop();
    throw error;
  }
}
