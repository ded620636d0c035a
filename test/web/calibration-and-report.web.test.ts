import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Classification } from '../../libs/domain/classification.js';
import type { Position } from '../../libs/domain/enums.js';
import { buildOrg, type OrgFixture } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { ok } from '../support/problems.js';
import { allReviews, eventually, launchCycle } from '../support/review-driver.js';
import { completeWithScore } from '../support/rules-driver.js';
import { uniquePrefix } from '../support/test-env.js';
import { capture, PHONE, startWebHarness, type WebHarness } from './support/browser.js';
import { signInAs } from './support/journey.js';

const MEMBERS = 7;

// A unit of 7 members, 2 excellent and 5 good: over the quota (excellent ≤ 20% of good allows 1).
// Its head lowers one on a phone, sees the group fit, reads the figures and submits the report.
describe('calibration to the quota and the unit report (browser)', () => {
  let web: WebHarness;
  let org: OrgFixture;
  let cycleId: string;

  before(async () => {
    web = await startWebHarness();
    const members = Array.from({ length: MEMBERS }, (_, i) => [`u-m0${i + 1}`, 'member'] as [string, Position]);
    org = buildOrg(uniquePrefix('wcal'), { id: 'U', kind: 'grassroots', people: [['u-sec', 'secretary'], ...members] });
    ok(await web.app.admin.post('/org/import', org.payload));
    cycleId = await launchCycle(web.app.admin, org.rootId);
    const people = new Participants(web.app.http);
    const reviews = (await allReviews(web.app.admin, cycleId)).sort((a, b) => (a.subject.id < b.subject.id ? -1 : 1));
    assert.equal(reviews.length, MEMBERS);
    for (const [i, review] of reviews.entries()) {
      const classification: Classification = i < 2 ? 'excellent' : 'good';
      await completeWithScore(people, review, classification, classification === 'excellent' ? { generalScore: 30, achievement: 100 } : { generalScore: 25, achievement: 90 });
    }
    await eventually(async () => assert.equal(ok(await web.app.admin.get(`/cycles/${cycleId}/units/${org.rootId}/report`)).status, 'calibration_needed'));
  });
  after(async () => web?.stop());

  it('shows the breach in words, lowers one excellent with a reason, then submits the report with Vietnamese percentages', async () => {
    const page = await web.newPage({ viewport: PHONE });
    await signInAs(page, org, 'u-sec');
    await page.locator('[data-testid="task-row"][data-kind="calibrate"]').getByRole('link').click();

    // The group against the quota, in Vietnamese words, and who is excellent.
    await page.getByTestId('report-status').filter({ hasText: 'Cần điều chỉnh' }).waitFor();
    await page.getByTestId('quota-breaches').filter({ hasText: '1 nhóm đang vượt tỷ lệ.' }).waitFor();
    const group = page.getByTestId('quota-group-person');
    await group.getByTestId('quota-group-counts').filter({ hasText: '2 trường hợp xuất sắc, 5 trường hợp tốt: được tối đa 1 trường hợp xuất sắc (20% số tốt).' }).waitFor();
    await group.getByTestId('quota-group-state').filter({ hasText: 'Vượt tỷ lệ' }).waitFor();
    const excellent = group.getByTestId('excellent-subject');
    assert.deepEqual((await excellent.allInnerTexts()).map((text) => text.split('\n')[0]), ['Person u-m01', 'Person u-m02']);
    assert.doesNotMatch(await page.getByTestId('calibration').innerText(), /quota: person subjects/, 'no English text from the server');
    await page.getByTestId('figures-after-calibration').waitFor(); // not a table of zeros
    await capture(page, 'calibration');

    // Lower one, with a reason: the group fits, the report is ready.
    await page.getByRole('button', { name: 'Hạ mức: Person u-m02' }).click();
    const form = page.getByTestId('reclassify-form');
    await form.getByText('Hoàn thành tốt nhiệm vụ').waitFor(); // the level below is offered first
    await form.getByLabel('Lý do điều chỉnh').fill('Điều chỉnh theo tỷ lệ 20%.');
    await form.getByRole('button', { name: 'Xác nhận hạ mức' }).click();
    await group.getByTestId('quota-group-state').filter({ hasText: 'Đạt tỷ lệ' }).waitFor();
    await group.getByTestId('quota-group-counts').filter({ hasText: '1 trường hợp xuất sắc, 6 trường hợp tốt' }).waitFor();
    assert.equal(await excellent.count(), 1);
    await page.getByTestId('report-status').filter({ hasText: 'Sẵn sàng gửi' }).waitFor();
    await capture(page, 'calibration-fits');

    // The figures: 6 of 7 good = 85,71%, 1 of 7 excellent = 14,29%, as written in Vietnamese.
    const table = page.getByTestId('report-table');
    await table.getByRole('row', { name: /Hoàn thành tốt nhiệm vụ 6 85,71%/ }).waitFor();
    await table.getByRole('row', { name: /Hoàn thành xuất sắc nhiệm vụ 1 14,29%/ }).waitFor();
    await table.getByRole('row', { name: /Hoàn thành tốt nhiệm vụ trở lên 7 100,00%/ }).waitFor(); // 14,29% + 85,71%
    assert.doesNotMatch(await table.innerText(), /\d\.\d\d%/, 'no decimal point in Vietnamese');

    await page.getByLabel('Tóm tắt báo cáo').fill('7/7 đảng viên hoàn thành tốt nhiệm vụ trở lên.');
    await capture(page, 'unit-report');
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await page.getByTestId('report-status').filter({ hasText: 'Đã gửi' }).waitFor();
    await page.getByTestId('report-submitted').filter({ hasText: '7/7 đảng viên hoàn thành tốt nhiệm vụ trở lên.' }).waitFor();
    assert.equal(ok(await web.app.admin.get(`/cycles/${cycleId}/units/${org.rootId}/report`)).status, 'submitted');
  });
});
