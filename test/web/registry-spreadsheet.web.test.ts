import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { ok } from '../support/problems.js';
import { TEST_PASSWORD, threeLevelOrg } from '../support/org-fixture.js';
import { sheetsOf, xlsxOf } from '../support/spreadsheet.js';
import { uniquePrefix } from '../support/test-env.js';
import { capture, signIn, startWebHarness, type WebHarness } from './support/browser.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('an administrator imports the registry from a spreadsheet (browser)', () => {
  let web: WebHarness;
  const org = threeLevelOrg(uniquePrefix('wsheet'));
  const adminId = org.id('admin');

  before(async () => {
    web = await startWebHarness();
    org.payload.people.push({ id: adminId, name: 'Trần Văn Nhập', unitId: org.rootId, position: 'member', username: adminId, password: TEST_PASSWORD, roles: [{ role: 'admin', unitId: org.rootId }] });
    ok(await web.app.admin.post('/org/import', org.payload));
  });
  after(async () => web?.stop());

  it('downloads the template, sees a row error by sheet and cell, then imports the corrected file', async () => {
    const page = await web.newPage();
    await signIn(page, adminId, TEST_PASSWORD);
    await page.goto('/registry');
    await page.getByRole('heading', { name: 'Tổ chức đảng' }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải mẫu (XLSX)' }).click()]);
    const template = await sheetsOf(await readFile((await download.path())!));
    const [unitHeadings, peopleHeadings] = [template['Đơn vị']![0]!, template['Đảng viên']![0]!];

    const rows = (unitId: string) => ({
      'Đơn vị': [unitHeadings, [org.id('S1'), org.id('G'), 'Chi bộ mới', 'cell']],
      'Đảng viên': [peopleHeadings, [org.id('s-1'), 'Nguyễn Thị Mới', org.id('S1'), 'secretary'], [org.id('s-2'), 'Lê Văn Sai', unitId, 'member']],
    });
    const chooser = page.locator('input[type=file][accept*=".xlsx"]');
    await chooser.setInputFiles({ name: 'so-dang-vien.xlsx', mimeType: XLSX_MIME, buffer: await xlsxOf(rows(org.id('nowhere'))) });
    const errors = page.getByTestId('spreadsheet-errors');
    // Parsing and refusing the file can take a while on a loaded machine (three browser files at a time on two cores).
    await errors.getByRole('cell', { name: 'C3', exact: true }).waitFor({ timeout: 60_000 });
    assert.match(await errors.innerText(), /Đảng viên[\s\S]*C3[\s\S]*không tồn tại/);
    await capture(page, 'admin-spreadsheet-error');

    await chooser.setInputFiles({ name: 'so-dang-vien.xlsx', mimeType: XLSX_MIME, buffer: await xlsxOf(rows(org.id('S1'))) });
    const result = page.getByTestId('spreadsheet-result');
    await result.waitFor();
    assert.match(await result.innerText(), /đơn vị 1 mới.*đảng viên 2 mới/s);
    assert.equal(ok(await web.app.admin.get(`/org/units/${org.id('S1')}`)).headId, org.id('s-1'));
  });
});
