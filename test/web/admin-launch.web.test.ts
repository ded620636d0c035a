import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD, threeLevelOrg, type OrgFixture } from '../support/org-fixture.js';
import { uniquePrefix } from '../support/test-env.js';
import { capture, signIn, startWebHarness, type WebHarness } from './support/browser.js';

/** Picks a date in an Ant Design date picker by typing it, as a keyboard user would; leaving with Tab does not submit the form as Enter may. */
async function pickDate(page: Page, id: string, ddMMyyyy: string, leaveWith: 'Enter' | 'Tab' = 'Enter'): Promise<void> {
  const input = page.locator(`input#${id}`);
  await input.click();
  await input.press('Control+A');
  await input.pressSequentially(ddMMyyyy);
  await input.press(leaveWith);
}

/** Types in a searchable select and picks the option that shows `label`. */
async function pickOption(page: Page, id: string, search: string, label: string | RegExp): Promise<void> {
  await page.locator(`input#${id}`).click();
  await page.locator(`input#${id}`).fill(search);
  await page.locator('.ant-select-item-option').filter({ hasText: label }).first().click();
}

async function setYear(page: Page, year: number): Promise<void> {
  await page.locator('input#year').fill(String(year));
  await page.locator('input#year').press('Tab');
}

describe('an administrator imports the registry and runs cycles (browser)', () => {
  let web: WebHarness;
  let org: OrgFixture;
  let adminId: string;
  const year = new Date().getUTCFullYear();

  before(async () => {
    web = await startWebHarness();
    org = threeLevelOrg(uniquePrefix('wadm'));
    adminId = org.id('admin');
    // An administrator of this registry only, so the tree's top is its root.
    org.payload.people.push({ id: adminId, name: 'Nguyễn Văn Quản', unitId: org.rootId, position: 'member', username: adminId, password: TEST_PASSWORD, roles: [{ role: 'admin', unitId: org.rootId }] });
  });
  after(async () => web?.stop());

  it('imports the registry through the page, listing a refused field by its path first', async () => {
    const page = await web.newPage();
    await signIn(page, web.app.config.auth.adminUsername, web.app.config.auth.adminPassword!);
    await page.goto('/registry');
    await page.getByRole('heading', { name: 'Tổ chức đảng' }).waitFor();

    const broken = { units: [...org.payload.units, { id: `${org.prefix}-X`, parentId: `${org.prefix}-nowhere`, name: 'Orphan', kind: 'cell' }], people: [] };
    await page.getByTestId('import-json').fill(JSON.stringify(broken));
    await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await page.getByTestId('import-errors').getByRole('alert').filter({ hasText: `units[${org.payload.units.length}].parentId` }).waitFor();
    await capture(page, 'admin-import-error');

    await page.getByTestId('import-json').fill(JSON.stringify(org.payload, null, 2));
    await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    assert.match(await result.innerText(), /đơn vị 3 mới.*đảng viên 9 mới/s);
  });

  it('browses the tree lazily and finds a unit by search', async () => {
    const page = await web.newPage();
    await signIn(page, adminId, TEST_PASSWORD);
    await page.goto('/registry');
    const root = page.getByTestId(`unit-node-${org.rootId}`);
    await root.waitFor();
    assert.match(await root.innerText(), /Unit P.*Tỉnh uỷ.*Person p-sec.*đảng viên/s);
    // Open the root with the keyboard-reachable switcher: its child district is read then.
    await page.locator('.ant-tree-treenode').filter({ has: root }).locator('.ant-tree-switcher').click();
    await page.getByTestId(`unit-node-${org.id('D')}`).waitFor();

    await page.getByTestId('registry-search').locator('input').fill(org.id('G'));
    await page.getByTestId('registry-search').locator('input').press('Enter');
    await page.getByTestId('unit-results').getByText('Unit G').click();
    await page.getByTestId('unit-people').getByText('Person g-mem2').waitFor();
    await capture(page, 'admin-registry');
  });

  it('launches a cycle with the form, watches it launch, and reads its dashboard', async () => {
    const page = await web.newPage();
    await signIn(page, adminId, TEST_PASSWORD);
    await page.goto('/cycles/new');
    await page.getByRole('heading', { name: 'Khởi động đợt kiểm điểm' }).waitFor();
    // The calendar is Guidance 43's for the year.
    assert.equal(await page.locator('input#calendar_reviewDueAt').inputValue(), `31/12/${year}`);
    await pickOption(page, 'rootUnitId', org.rootId, 'Unit P');
    await page.locator('input#title').fill(`Kiểm điểm ${year} (${org.prefix})`);
    await capture(page, 'admin-launch-form');
    await page.getByRole('button', { name: 'Khởi động' }).click();

    const progress = page.getByTestId('launch-progress');
    await progress.waitFor();
    await capture(page, 'admin-launch-progress');
    await page.waitForURL(/\/cycles\/[^/]+$/, { timeout: 60_000 });
    await page.getByTestId('cycle-status').and(page.locator('[data-status=running]')).waitFor();

    // Ten subjects (the fixture's nine and its administrator), all at target assignment, the first step.
    await page.locator('[data-testid=step-chart] [data-step=target_assignment][data-count="10"]').waitFor();
    // Targets were due on 31 March: the tasks are already late.
    await page.getByTestId('overdue-table').locator('tbody tr.ant-table-row').first().waitFor();

    await page.getByTestId(`completion-${org.rootId}`).waitFor();
    assert.match(await page.getByTestId('completion-table').innerText(), /0,00%/);
    const district = page.getByTestId(`completion-${org.id('D')}`);
    await district.waitFor();
    await page.locator('tr').filter({ has: district }).locator('.ant-table-row-expand-icon').click();
    await page.getByTestId(`completion-${org.id('G')}`).waitFor();
    await capture(page, 'admin-dashboard');

    // Move the report deadline.
    await pickDate(page, 'calendar_reportDueAt', `20/01/${year + 1}`);
    await page.getByRole('button', { name: 'Dời lịch' }).click();
    // The move answers at once; its progress bar runs until every open review took the new dates.
    await page.getByTestId('operation-progress').and(page.locator('[data-status=succeeded]')).waitFor({ timeout: 30_000 });
    await page.getByText('Đã dời lịch; các bản kiểm điểm đang mở đã nhận lịch mới.').waitFor();

    // Raise the district's quota to 25%, by decision 125-QĐ/TU of 20/11.
    await page.getByRole('button', { name: 'Nâng tỷ lệ xuất sắc của Unit D' }).click();
    const quota = page.getByTestId('quota-form');
    await quota.getByTestId('quota-current').waitFor();
    await quota.locator('input#excellentPercent').fill('25');
    await quota.locator('textarea#reason').fill('Đơn vị có thành tích nổi bật');
    await quota.locator('input#decisionNumber').fill('125-QĐ/TU');
    // Typed then left with Tab: Enter in the picker would submit the form at once.
    await quota.locator('input#decisionDate').click();
    await quota.locator('input#decisionDate').pressSequentially(`20/11/${year}`);
    await quota.locator('input#decisionDate').press('Tab');
    await capture(page, 'admin-quota');
    await quota.getByRole('button', { name: 'Nâng tỷ lệ' }).click();
    await page.getByText('Đã nâng tỷ lệ xuất sắc của Unit D lên 25%.').waitFor();
    // Opened again, the dialog shows the decision in force.
    await page.getByRole('button', { name: 'Nâng tỷ lệ xuất sắc của Unit D' }).click();
    await page.getByTestId('quota-decision').filter({ hasText: `Theo quyết định số 125-QĐ/TU ngày 20/11/${year}.` }).waitFor();
  });

  it('puts the API errors next to their fields, then launches and cancels a second cycle', async () => {
    const page = await web.newPage();
    await signIn(page, adminId, TEST_PASSWORD);
    await page.goto('/cycles/new');
    await pickOption(page, 'rootUnitId', org.rootId, 'Unit P');
    // Same year and root: 409, shown at the year.
    await page.getByRole('button', { name: 'Khởi động' }).click();
    await page.locator('#year_help').getByText('Đơn vị này đã có đợt kiểm điểm cho kỳ này của năm.').waitFor();

    // A self-assessment due before the targets: 400 naming calendar.selfAssessmentDueAt.
    await setYear(page, year + 1);
    await pickDate(page, 'calendar_selfAssessmentDueAt', `01/01/${year + 1}`);
    await page.getByRole('button', { name: 'Khởi động' }).click();
    await page.locator('#calendar_selfAssessmentDueAt_help').getByText(/Không được sớm hơn hạn giao chỉ tiêu \(31\/03\//).waitFor();
    await capture(page, 'admin-launch-field-error');

    // A new year brings Guidance 43's dates back.
    await setYear(page, year + 2);
    // Report dates by level: a district reporting after the province is a 400 naming that level.
    await pickDate(page, 'calendar_reportDueAtByKind_province', `10/01/${year + 3}`, 'Tab');
    await pickDate(page, 'calendar_reportDueAtByKind_district', `12/01/${year + 3}`, 'Tab');
    await page.getByRole('button', { name: 'Khởi động' }).click();
    await page.locator('#calendar_reportDueAtByKind_district_help').getByText(`Không được muộn hơn hạn báo cáo của cấp tỉnh (10/01/${year + 3}).`).waitFor();
    await capture(page, 'admin-launch-report-levels');
    await pickDate(page, 'calendar_reportDueAtByKind_district', `05/01/${year + 3}`, 'Tab');
    await pickDate(page, 'calendar_reportDueAtByKind_cell', `02/01/${year + 3}`, 'Tab');
    await page.getByRole('button', { name: 'Khởi động' }).click();
    await page.waitForURL(/\/cycles\/[^/]+$/, { timeout: 60_000 });
    await page.getByTestId('cycle-status').and(page.locator('[data-status=running]')).waitFor();
    // Each level reports by its own date, at the end of that day in Vietnam; grassroots units by the cycle's.
    const launched = (await web.app.admin.get(`/cycles/${page.url().split('/').pop()}`)).body;
    assert.deepEqual(launched.calendar.reportDueAtByKind, {
      cell: `${year + 3}-01-02T16:59:59.000Z`,
      district: `${year + 3}-01-05T16:59:59.000Z`,
      province: `${year + 3}-01-10T16:59:59.000Z`,
    });

    await page.getByRole('button', { name: 'Huỷ đợt kiểm điểm' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Mọi bản kiểm điểm đang mở sẽ kết thúc ở trạng thái đã huỷ; không thể hoàn tác.').waitFor();
    await dialog.locator('textarea#reason').fill('Khởi động nhầm năm');
    await capture(page, 'admin-cancel-confirm');
    await dialog.getByRole('button', { name: 'Huỷ đợt' }).click();
    await page.getByTestId('cycle-status').and(page.locator('[data-status=cancelled]')).waitFor({ timeout: 30_000 });
    await page.getByTestId('operation-progress').and(page.locator('[data-status=succeeded]')).waitFor({ timeout: 30_000 });
    await page.getByText('Mọi bản kiểm điểm đang mở đã được huỷ.').waitFor();

    await page.goto('/cycles');
    await page.getByTestId('cycles-table').getByText('Đã huỷ').waitFor();
    await capture(page, 'admin-cycles');
  });
});
