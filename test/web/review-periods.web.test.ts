import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildOrg, TEST_PASSWORD, type OrgFixture } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { ok } from '../support/problems.js';
import { completeReview, eventually, launchCycle } from '../support/review-driver.js';
import { reviewOf } from '../support/rules-driver.js';
import { uniquePrefix } from '../support/test-env.js';
import { capture, signIn, startWebHarness, type WebHarness } from './support/browser.js';
import { signInAs } from './support/journey.js';

/** Opens an Ant Design select by its field id and picks the option reading exactly `label`. */
async function pickFromSelect(page: Page, id: string, label: string): Promise<void> {
  await page.locator('.ant-select').filter({ has: page.locator(`input#${id}`) }).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: new RegExp(`^${label}$`) }).click();
}

// Issue #12: an administrator launches a quarterly cycle and sees its period; the reviewer of the
// same member's yearly review sees the quarter's result on the review page.
describe('quarterly and yearly reviews (browser)', () => {
  let web: WebHarness;
  let org: OrgFixture;
  let people: Participants;
  let adminId: string;
  let quarterlyId: string;
  const year = new Date().getUTCFullYear();

  before(async () => {
    web = await startWebHarness();
    people = new Participants(web.app.http);
    org = buildOrg(uniquePrefix('wper'), {
      id: 'G',
      kind: 'grassroots',
      people: [
        ['sec', 'secretary'],
        ['mem', 'member'],
      ],
    });
    adminId = org.id('admin');
    org.payload.people.push({ id: adminId, name: 'Trần Thị Quản', unitId: org.rootId, position: 'member', username: adminId, password: TEST_PASSWORD, roles: [{ role: 'admin', unitId: org.rootId }] });
    ok(await web.app.admin.post('/org/import', org.payload));
  });
  after(async () => web?.stop());

  it('launches a quarterly cycle with the period selector and shows "Quý 1/<year>" on its dashboard and in the list', async () => {
    const page = await web.newPage();
    await signIn(page, adminId, TEST_PASSWORD);
    await page.goto('/cycles/new');
    await page.getByRole('heading', { name: 'Khởi động đợt kiểm điểm' }).waitFor();
    await page.locator('.ant-select').filter({ has: page.locator('input#rootUnitId') }).waitFor();
    await page.locator('input#rootUnitId').click();
    await page.locator('input#rootUnitId').fill(org.rootId);
    await page.locator('.ant-select-item-option').filter({ hasText: 'Unit G' }).first().click();
    // The year by default; the four periods in Vietnamese.
    assert.equal(await page.locator('.ant-select').filter({ has: page.locator('input#period_kind') }).innerText(), 'Cả năm');
    await pickFromSelect(page, 'period_kind', 'Quý');
    await pickFromSelect(page, 'period_quarter', 'Quý 1');
    // The calendar follows the quarter: reviews by its last day.
    await eventually(async () => assert.equal(await page.locator('input#calendar_reviewDueAt').inputValue(), `31/03/${year}`));
    await page.locator('input#title').fill(`Kiểm điểm quý (${org.prefix})`);
    await capture(page, 'admin-launch-quarter');
    await page.getByRole('button', { name: 'Khởi động' }).click();

    await page.getByTestId('launch-progress').waitFor();
    await page.waitForURL(/\/cycles\/(?!new$)[^/]+$/, { timeout: 60_000 });
    quarterlyId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByTestId('cycle-status').and(page.locator('[data-status=running]')).waitFor();
    assert.equal(await page.getByTestId('cycle-period').innerText(), `Quý 1/${year}`);
    assert.deepEqual(ok(await web.app.admin.get(`/cycles/${quarterlyId}`)).period, { kind: 'quarter', quarter: 1 });

    await page.goto('/cycles');
    const row = page.getByTestId('cycles-table').locator('tr').filter({ hasText: org.prefix });
    await row.getByTestId('cycle-period').filter({ hasText: `Quý 1/${year}` }).waitFor();
  });

  it("shows the member's quarterly result to the reviewer of the yearly review", async () => {
    assert.ok(quarterlyId, 'the quarterly cycle was launched');
    await completeReview(people, await reviewOf(web.app.admin, quarterlyId, org.id('mem')), 'good');
    const yearly = await reviewOf(web.app.admin, await launchCycle(web.app.admin, org.rootId, { year }), org.id('mem'));
    assert.equal(yearly.reviewerId, org.id('sec'));

    const page = await web.newPage();
    await signInAs(page, org, 'sec');
    await page.goto(`/reviews/${encodeURIComponent(yearly.id)}`);
    const results = page.getByTestId('quarterly-results');
    await results.waitFor();
    assert.match(await results.innerText(), /Kết quả kiểm điểm các quý trong năm/);
    assert.equal((await page.getByTestId('quarterly-result-1').innerText()).replace(/\s+/g, ' ').trim(), 'Quý 1: Hoàn thành tốt nhiệm vụ');
    assert.equal(await page.locator('[data-testid^=quarterly-result-]').count(), 1);
    await capture(page, 'head-review-quarterly-results');

    // The quarterly review itself has no such list.
    await page.goto(`/reviews/${encodeURIComponent((await reviewOf(web.app.admin, quarterlyId, org.id('mem'))).id)}`);
    await page.getByTestId('review-steps').waitFor();
    assert.equal(await page.getByTestId('quarterly-results').count(), 0);
  });
});
