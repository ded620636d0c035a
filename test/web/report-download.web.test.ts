import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { TEST_PASSWORD, threeLevelOrg, type OrgFixture } from '../support/org-fixture.js';
import { ok } from '../support/problems.js';
import { launchCycle } from '../support/review-driver.js';
import { uniquePrefix } from '../support/test-env.js';
import { signIn, startWebHarness, type WebHarness } from './support/browser.js';

describe('a head downloads the report upward as PDF (browser)', () => {
  let web: WebHarness;
  let org: OrgFixture;
  let cycleId: string;

  before(async () => {
    web = await startWebHarness();
    org = threeLevelOrg(uniquePrefix('wdoc'));
    ok(await web.app.admin.post('/org/import', org.payload));
    cycleId = await launchCycle(web.app.admin, org.rootId);
  });
  after(async () => web?.stop());

  it('clicks "Tải PDF" on the report page and receives a PDF through the cookie session', async () => {
    const page = await web.newPage();
    await signIn(page, org.id('g-sec'), TEST_PASSWORD);
    await page.goto(`/units/${org.id('G')}/cycles/${cycleId}/report`);
    await page.getByTestId('report-status').waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải PDF' }).click()]);
    assert.match(file.suggestedFilename(), /^report-.*\.pdf$/);
    const bytes = await readFile((await file.path())!);
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  });
});
