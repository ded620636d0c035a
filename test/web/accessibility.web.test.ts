import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { threeLevelOrg, TEST_PASSWORD, type OrgFixture } from '../support/org-fixture.js';
import { launchCycle } from '../support/review-driver.js';
import { ok } from '../support/problems.js';
import { uniquePrefix } from '../support/test-env.js';
import { axeViolations, describeViolations } from './support/axe.js';
import { DESKTOP, PHONE, signIn, startWebHarness, type WebHarness } from './support/browser.js';

// Screen readers and eyes: axe-core finds no serious or critical problem on the screens people
// use, on a phone and on a desktop, signed out and signed in.
describe('accessibility of the main screens (browser, axe-core)', () => {
  let web: WebHarness;
  let org: OrgFixture;
  let cycleId: string;

  before(async () => {
    web = await startWebHarness();
    org = threeLevelOrg(uniquePrefix('wa11y'));
    ok(await web.app.admin.post('/org/import', org.payload));
    cycleId = await launchCycle(web.app.admin, org.rootId);
  });
  after(() => web?.stop());

  for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    it(`has no serious or critical violation on a ${device}`, async () => {
      const context = await web.browser.newContext({ viewport, baseURL: web.baseUrl, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', bypassCSP: true });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const found: string[] = [];
      const check = async (screen: string) => {
        await page.waitForLoadState('networkidle');
        const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        if (serious.length > 0) found.push(`${screen}:\n${describeViolations(serious)}`);
      };
      try {
        await page.goto('/');
        await page.locator('input#username').waitFor();
        await check('sign-in');
        await signIn(page, org.id('g-sec'), TEST_PASSWORD);
        for (const path of ['/inbox', '/my-reviews', '/units']) {
          await page.goto(path);
          await check(path);
        }
        await page.goto('/inbox');
        await page.getByTestId('task-row').first().getByRole('link').click();
        await page.getByTestId('review-steps').waitFor();
        await check('a review');
        await page.context().clearCookies();
        await signIn(page, web.app.config.auth.adminUsername, web.app.config.auth.adminPassword!);
        for (const path of ['/cycles', `/cycles/${cycleId}`, '/cycles/new', '/registry', '/audit']) {
          await page.goto(path);
          await check(path);
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(found, [], found.join('\n\n'));
    });
  }
});
