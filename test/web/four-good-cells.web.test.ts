import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildOrg, TEST_PASSWORD, type OrgFixture } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { ok } from '../support/problems.js';
import { launchCycle, type ReviewSummary } from '../support/review-driver.js';
import { reviewOf } from '../support/rules-driver.js';
import { uniquePrefix } from '../support/test-env.js';
import { axeViolations, describeViolations } from './support/axe.js';
import { capture, DESKTOP, signIn, startWebHarness, type WebHarness } from './support/browser.js';
import { choose, openTaskFromInbox, signInAs, waitForTask } from './support/journey.js';

/** Rates one "four good" criterion by clicking its label, as a person does. */
async function rate(page: Page, criterion: string, result: 'Đạt' | 'Không đạt'): Promise<void> {
  const group = page.getByTestId(`four-good-${criterion}`);
  await group.locator('label').filter({ hasText: new RegExp(`^${result}$`) }).click();
  const value = result === 'Đạt' ? 'achieved' : 'not_achieved';
  assert.equal(await group.locator(`input[type=radio][value=${value}]`).isChecked(), true, `${criterion}: ${result}\n${await group.innerHTML()}`);
}

/** No serious or critical axe-core violation on the review page with the four criteria (a context that lets axe in). */
async function assertAccessible(web: WebHarness, username: string, url: string): Promise<void> {
  const context = await web.browser.newContext({ viewport: DESKTOP, baseURL: web.baseUrl, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', bypassCSP: true });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, username, TEST_PASSWORD);
    await page.goto(url);
    await page.getByTestId('four-good').waitFor();
    await rate(page, 'cadresAndMembers', 'Không đạt'); // the overall result's alert shown too
    const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious, [], describeViolations(serious));
  } finally {
    await context.close();
  }
}

// Issue #12, "four good cells": an administrator launches a cycle with the option; the head of the
// grassroots unit rates a cell's four criteria when approving its collective review; the unit's
// report counts the cells that achieved "four good".
describe('four good cells (browser)', () => {
  let web: WebHarness;
  let org: OrgFixture;
  let people: Participants;
  let cycleId: string;
  let cell: ReviewSummary;

  before(async () => {
    web = await startWebHarness();
    // G (g-sec) → C (c-sec): the cell's collective review is the grassroots head's to approve.
    org = buildOrg(uniquePrefix('w4good'), {
      id: 'G',
      kind: 'grassroots',
      people: [['g-sec', 'secretary']],
      children: [{ id: 'C', kind: 'cell', people: [['c-sec', 'secretary']] }],
    });
    org.payload.people.push({ id: org.id('admin'), name: 'Nguyễn Văn Quản', unitId: org.rootId, position: 'member', username: org.id('admin'), password: TEST_PASSWORD, roles: [{ role: 'admin', unitId: org.rootId }] });
    ok(await web.app.admin.post('/org/import', org.payload));
    people = new Participants(web.app.http);
  });
  after(async () => web?.stop());

  it('launches a cycle with the four good option from the form', async () => {
    const page = await web.newPage({ viewport: DESKTOP });
    await signIn(page, org.id('admin'), TEST_PASSWORD);
    await page.goto('/cycles/new');
    await page.getByRole('heading', { name: 'Khởi động đợt kiểm điểm' }).waitFor();
    await page.locator('input#rootUnitId').click();
    await page.locator('input#rootUnitId').fill(org.rootId);
    await page.locator('.ant-select-item-option').filter({ hasText: 'Unit G' }).first().click();
    // A year of its own, so the rating journey below can launch this year's cycle over the same unit.
    await page.locator('input#year').fill('2099');
    await page.locator('input#year').press('Tab');
    const option = page.getByRole('checkbox', { name: 'Đánh giá chi bộ "4 tốt"' });
    assert.equal(await option.isChecked(), false, 'off by default, as in the API');
    await page.locator('label').filter({ has: option }).click();
    assert.equal(await option.isChecked(), true);
    await page.getByRole('button', { name: 'Khởi động' }).click();
    await page.waitForURL((url) => /\/cycles\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'), { timeout: 60_000 });
    await page.getByTestId('cycle-four-good').filter({ hasText: 'Có áp dụng' }).waitFor(); // the dashboard says so
    const launched = ok(await web.app.admin.get(`/cycles/${page.url().split('/').pop()}`));
    assert.equal(launched.cellCriteria, 'four_good');
    assert.equal(launched.year, 2099);
  });

  it("rates the cell's four criteria on approval and shows the count in the unit's report", async () => {
    cycleId = await launchCycle(web.app.admin, org.rootId, { cellCriteria: 'four_good' });
    cell = await reviewOf(web.app.admin, cycleId, org.id('C'), 'unit');
    const reviewer = await people.as(cell.reviewerId);
    ok(await reviewer.post(`/reviews/${cell.id}/targets`, { targets: [{ title: 'Sinh hoạt chi bộ đều đặn', weight: 100 }] }));
    ok(
      await (await people.as(cell.selfActorId)).post(`/reviews/${cell.id}/self-assessment`, {
        results: [{ targetIndex: 0, achievement: 90 }],
        generalScore: 26,
        proposedClassification: 'good',
        summary: 'Chi bộ sinh hoạt đủ 12 kỳ.',
      }),
    );
    await waitForTask(reviewer, 'review', cell.id);

    const page = await web.newPage({ viewport: DESKTOP });
    await signInAs(page, org, 'g-sec');
    await openTaskFromInbox(page, 'review', 'Unit C');
    const criteria = page.getByTestId('four-good');
    for (const label of ['Lãnh đạo thực hiện nhiệm vụ chính trị tốt', 'Chất lượng sinh hoạt tốt', 'Đoàn kết, kỷ luật tốt', 'Đội ngũ cán bộ, đảng viên tốt']) {
      await criteria.getByText(label, { exact: true }).waitFor();
    }
    await page.getByTestId('four-good-overall').filter({ hasText: 'Chưa đánh giá đủ bốn tiêu chí' }).waitFor();

    // Without a rating the form does not submit: each criterion asks for one.
    await choose(page, /^Hoàn thành tốt nhiệm vụ/);
    await page.getByLabel('Ý kiến nhận xét').fill('Chi bộ hoàn thành tốt nhiệm vụ.');
    await page.getByRole('button', { name: 'Phê duyệt xếp loại' }).click();
    assert.equal(await criteria.getByText('Chọn đạt hoặc không đạt').count(), 4);

    // Three achieved and one not: not "four good"; all four: "four good".
    await rate(page, 'politicalTasks', 'Đạt');
    await rate(page, 'activityQuality', 'Đạt');
    await rate(page, 'solidarityDiscipline', 'Đạt');
    await rate(page, 'cadresAndMembers', 'Không đạt');
    await page.getByTestId('four-good-overall').filter({ hasText: 'Kết quả chung: Không đạt' }).waitFor();
    await rate(page, 'cadresAndMembers', 'Đạt');
    await page.getByTestId('four-good-overall').filter({ hasText: 'Kết quả chung: Đạt' }).waitFor();
    await capture(page, 'head-four-good');
    await assertAccessible(web, org.id('g-sec'), page.url());
    await page.getByRole('button', { name: 'Phê duyệt xếp loại' }).click();
    await page.getByTestId('four-good-result').filter({ hasText: /Kết quả chung:\s*Đạt/ }).waitFor();

    const approved = ok(await web.app.admin.get(`/reviews/${cell.id}`));
    assert.deepEqual(approved.review.fourGood, {
      politicalTasks: 'achieved',
      activityQuality: 'achieved',
      solidarityDiscipline: 'achieved',
      cadresAndMembers: 'achieved',
      overall: 'achieved',
    });

    // The grassroots unit's report counts the cell among its figures so far (the e2e test follows it to ready and up a level).
    await page.goto(`/units/${org.rootId}/cycles/${cycleId}/report`);
    await page.getByTestId('four-good-cells').filter({ hasText: 'Chi bộ đạt "4 tốt": 1/1 chi bộ được đánh giá' }).waitFor();
    await capture(page, 'unit-report-four-good');
    await page.getByTestId('language-switch').click();
    await page.getByTestId('four-good-cells').filter({ hasText: 'Cells that achieved "four good": 1 of 1 cells rated' }).waitFor();
  });
});
