import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { threeLevelOrg, type OrgFixture } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { ok } from '../support/problems.js';
import { launchCycle, type ReviewSummary } from '../support/review-driver.js';
import { reviewOf } from '../support/rules-driver.js';
import { uniquePrefix } from '../support/test-env.js';
import { capture, PHONE, startWebHarness, type WebHarness } from './support/browser.js';
import { choose, openTaskFromInbox, signInAs, waitForTask } from './support/journey.js';

// What the server refuses lands under the field it names; the language switch relabels a review page.
describe('field errors and the language on a review page (browser)', () => {
  let web: WebHarness;
  let org: OrgFixture;
  let review: ReviewSummary;
  let cycleId: string;
  let people: Participants;

  async function assignTargets(local: string): Promise<ReviewSummary> {
    const found = await reviewOf(web.app.admin, cycleId, org.id(local));
    ok(await (await people.as(found.reviewerId)).post(`/reviews/${found.id}/targets`, { targets: [{ title: 'Công tác của năm', weight: 100 }] }));
    await waitForTask(await people.as(org.id(local)), 'self_assess', found.id);
    return found;
  }

  before(async () => {
    web = await startWebHarness();
    org = threeLevelOrg(uniquePrefix('wfe'));
    people = new Participants(web.app.http);
    ok(await web.app.admin.post('/org/import', org.payload));
    cycleId = await launchCycle(web.app.admin, org.rootId);
    review = await assignTargets('g-mem2');
    await assignTargets('g-mem1');
  });
  after(async () => web?.stop());

  it('shows the error the server names under the summary, not only above the form', async () => {
    const page = await web.newPage({ viewport: PHONE });
    await signInAs(page, org, 'g-mem2');
    await openTaskFromInbox(page, 'self_assess');
    await page.getByLabel('Mức độ hoàn thành chỉ tiêu 1 (%)').fill('90');
    await page.getByLabel(/Điểm tiêu chí chung/).fill('25');
    await choose(page, /^Hoàn thành tốt nhiệm vụ/);
    // A NUL character (pasted from a damaged document): the form lets it through, the server refuses it.
    const summary = page.getByLabel('Tóm tắt tự đánh giá');
    await summary.fill('Tóm tắt\u0000 có ký tự hỏng');
    assert.match(await summary.inputValue(), /\u0000/, 'the browser keeps the character');
    await page.getByRole('button', { name: 'Gửi bản tự đánh giá' }).click();

    const describedBy = (await summary.getAttribute('aria-describedby')) ?? 'summary_help';
    const help = page.locator(`[id="${describedBy.split(' ')[0]}"]`);
    await help.filter({ hasText: 'Chứa ký tự không hợp lệ' }).waitFor(); // the server's problem, said in Vietnamese
    assert.equal(await summary.getAttribute('aria-invalid'), 'true');
    const alert = page.getByRole('alert').filter({ hasText: 'Vui lòng sửa các trường được đánh dấu.' });
    await alert.waitFor();
    assert.doesNotMatch(await alert.innerText(), /Chứa ký tự|U\+0000/, 'the message is under the field, not repeated above');
    assert.equal(await page.getByTestId('review-steps').getAttribute('data-step'), 'self_assessment');
    await capture(page, 'field-error-phone');

    // Corrected, it goes through.
    await summary.fill('Tóm tắt đã sửa');
    await page.getByRole('button', { name: 'Gửi bản tự đánh giá' }).click();
    await page.getByTestId('review-step').filter({ hasText: 'Cấp trên đánh giá' }).waitFor();
  });

  it('switches the review page to English and back', async () => {
    const page = await web.newPage({ viewport: PHONE });
    await signInAs(page, org, 'g-mem1');
    await openTaskFromInbox(page, 'self_assess');
    await page.getByLabel('Mức độ hoàn thành chỉ tiêu 1 (%)').fill('90');
    await page.getByTestId('language-switch').click();
    await page.getByTestId('review-step').filter({ hasText: 'Self-assessment' }).waitFor();
    await page.getByRole('button', { name: 'Submit the self-assessment' }).waitFor();
    assert.equal(await page.getByLabel('Achievement of target 1 (%)').inputValue(), '90', 'what was typed stays');
    await page.getByText('Regulation 366-QĐ/TW (2025)').waitFor();
    await page.getByRole('radio', { name: 'Good' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await capture(page, 'member-self-assessment-phone-en');
    await page.getByTestId('language-switch').click();
    await page.getByRole('button', { name: 'Gửi bản tự đánh giá' }).waitFor();
    await page.getByTestId('review-step').filter({ hasText: 'Tự đánh giá' }).waitFor();
    await page.getByText('Quy định 366-QĐ/TW (2025)').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
  });
});
