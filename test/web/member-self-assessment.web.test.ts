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

// A member on a phone: the self-assessment with its live score, a return with the reviewer's
// comment, the remediation plan a "completed" classification asks for, and the final result.
describe("a member's self-assessment on a phone (browser)", () => {
  let web: WebHarness;
  let org: OrgFixture;
  let people: Participants;
  let review: ReviewSummary;

  before(async () => {
    web = await startWebHarness();
    org = threeLevelOrg(uniquePrefix('wms'));
    people = new Participants(web.app.http);
    ok(await web.app.admin.post('/org/import', org.payload));
    const cycleId = await launchCycle(web.app.admin, org.rootId);
    review = await reviewOf(web.app.admin, cycleId, org.id('g-mem1'));
    const head = await people.as(review.reviewerId);
    ok(await head.post(`/reviews/${review.id}/targets`, { targets: [{ title: 'Phát triển đảng viên mới', weight: 60, dueDate: '2026-09-30' }, { title: 'Sinh hoạt chi bộ đầy đủ', weight: 40 }] }));
    await waitForTask(await people.as(org.id('g-mem1')), 'self_assess', review.id);
  });
  after(async () => web?.stop());

  it('scores live, refuses a proposal above the band, submits, revises after a return, plans remediation and sees who decided', async () => {
    const page = await web.newPage({ viewport: PHONE });
    await signInAs(page, org, 'g-mem1');

    // The inbox: one open task, counted on the menu and on the page.
    await page.getByTestId('inbox-count').filter({ hasText: '1 việc đang mở' }).waitFor();
    await page.getByTestId('inbox-badge').getByTitle('1').waitFor();
    await capture(page, 'inbox');
    await openTaskFromInbox(page, 'self_assess');
    assert.equal(await page.getByTestId('review-steps').getAttribute('data-step'), 'self_assessment');
    await page.getByTestId('review-step').filter({ hasText: 'Tự đánh giá' }).waitFor();

    // A result per target; no score until the general criteria are scored.
    await page.getByLabel('Mức độ hoàn thành chỉ tiêu 1 (%)').fill('80');
    await page.getByLabel('Mức độ hoàn thành chỉ tiêu 2 (%)').fill('50');
    await page.getByTestId('live-score').filter({ hasText: '—' }).waitFor();
    // 20 + 0.7 × (0.6 × 80 + 0.4 × 50) = 67.6: "completed" at most.
    await page.getByLabel(/Điểm tiêu chí chung/).fill('20');
    await page.getByTestId('live-score').filter({ hasText: '67,6' }).waitFor();
    await page.getByTestId('live-band').filter({ hasText: /^Hoàn thành nhiệm vụ$/ }).waitFor();
    const good = page.getByRole('radio', { name: /^Hoàn thành tốt nhiệm vụ/ });
    const excellent = page.getByRole('radio', { name: /^Hoàn thành xuất sắc nhiệm vụ/ });
    assert.equal(await good.isDisabled(), true, 'good is above a score of 67.6');
    assert.equal(await excellent.isDisabled(), true);
    await page.getByText('vượt mức điểm cho phép').first().waitFor();

    // 25 general points: 72.6, good now allowed, excellent still refused.
    await page.getByLabel(/Điểm tiêu chí chung/).fill('25');
    await page.getByTestId('live-score').filter({ hasText: '72,6' }).waitFor();
    await page.getByTestId('live-band').filter({ hasText: /^Hoàn thành tốt nhiệm vụ$/ }).waitFor();
    assert.equal(await good.isDisabled(), false);
    assert.equal(await excellent.isDisabled(), true);
    await page.getByText('Hạn hoàn thành: 30/09/2026').waitFor();

    // A late task: the figures and the timeliness ceiling follow the statuses as they are chosen.
    await page.getByTestId('timeliness-figures').filter({ hasText: '2/2 đúng hạn, 0 chậm (0%)' }).waitFor();
    await page.getByRole('radiogroup', { name: 'Tiến độ thực hiện chỉ tiêu 2' }).getByText('Hoàn thành nhưng chậm').click();
    await page.getByTestId('timeliness-figures').filter({ hasText: '1/2 đúng hạn, 1 chậm (50%)' }).waitFor();
    await page.getByTestId('timeliness-limit').filter({ hasText: /^Không hoàn thành nhiệm vụ$/ }).waitFor();
    assert.equal(await good.isDisabled(), true, 'good needs every task on time');
    await page.getByText('vượt mức cho phép theo tiến độ').first().waitFor();
    await page.getByRole('radiogroup', { name: 'Tiến độ thực hiện chỉ tiêu 2' }).getByText('Hoàn thành đúng hạn').click();
    await page.getByTestId('timeliness-limit').filter({ hasText: /^Không giới hạn$/ }).waitFor();
    assert.equal(await good.isDisabled(), false);
    await excellent.click({ force: true });
    assert.equal(await excellent.isChecked(), false, 'a proposal above the band cannot be chosen');
    await choose(page, /^Hoàn thành tốt nhiệm vụ/);
    await page.getByLabel('Tóm tắt tự đánh giá').fill('Hoàn thành phần lớn chỉ tiêu được giao.');
    await capture(page, 'member-self-assessment-phone');
    await page.getByRole('button', { name: 'Gửi bản tự đánh giá' }).click();
    await page.getByTestId('review-step').filter({ hasText: 'Cấp trên đánh giá' }).waitFor();
    await page.getByTestId('waiting-note').waitFor();
    assert.equal(await page.getByTestId('review-steps').getAttribute('data-step'), 'superior_review');

    // The head returns it (API): the member sees why and who, and revises from what was sent.
    const head = await people.as(review.reviewerId);
    ok(await head.post(`/reviews/${review.id}/review`, { decision: 'return', comment: 'Bổ sung minh chứng cho chỉ tiêu 2.' }));
    await waitForTask(await people.as(org.id('g-mem1')), 'self_assess', review.id);
    await openTaskFromInbox(page, 'self_assess');
    const returned = page.getByTestId('returned-comment');
    await returned.filter({ hasText: 'Bổ sung minh chứng cho chỉ tiêu 2.' }).waitFor();
    await returned.filter({ hasText: 'Person g-sec' }).waitFor(); // the reviewer, by name
    assert.equal(await page.getByLabel('Mức độ hoàn thành chỉ tiêu 2 (%)').inputValue(), '50', 'starts from what was sent');
    await capture(page, 'member-returned-phone');
    // 25 + 0.7 × (48 + 28) = 78.2
    await page.getByLabel('Mức độ hoàn thành chỉ tiêu 2 (%)').fill('70');
    await page.getByTestId('live-score').filter({ hasText: '78,2' }).waitFor();
    await page.getByLabel('Giải trình chỉ tiêu 2').fill('Đã bổ sung biên bản sinh hoạt.');
    await page.getByRole('button', { name: 'Gửi bản tự đánh giá' }).click();
    await page.getByTestId('review-step').filter({ hasText: 'Cấp trên đánh giá' }).waitFor();

    // Approved as "completed" (API): a remediation plan is needed.
    ok(await head.post(`/reviews/${review.id}/review`, { decision: 'approve', classification: 'completed', comment: 'Cần cố gắng hơn.', shortcomings: ['Chậm nộp báo cáo'] }));
    await waitForTask(await people.as(org.id('g-mem1')), 'submit_remediation', review.id);
    await openTaskFromInbox(page, 'submit_remediation');
    await page.getByText('Cần lập kế hoạch khắc phục').waitFor();
    await page.getByLabel('Biện pháp khắc phục').fill('Nộp báo cáo đúng hạn hằng tháng.');
    await page.getByLabel('Thời hạn').click();
    await page.getByRole('button', { name: 'Hôm nay' }).or(page.getByText('Hôm nay')).first().click();
    await capture(page, 'member-remediation-phone');
    await page.getByRole('button', { name: 'Gửi kế hoạch khắc phục' }).click();
    await page.getByTestId('remediation-plan').filter({ hasText: 'Đang chờ duyệt' }).waitFor();

    // The head approves the plan (API): the final classification and who decided it.
    ok(await head.post(`/reviews/${review.id}/remediation-decision`, { decision: 'approve' }));
    await page.goto('/my-reviews');
    await page.getByTestId('my-reviews').getByRole('link', { name: 'Person g-mem1' }).click();
    await page.getByTestId('final-classification').filter({ hasText: /^Hoàn thành nhiệm vụ$/ }).waitFor();
    await page.getByTestId('decided-by').filter({ hasText: 'Person g-sec' }).waitFor();
    assert.equal(await page.getByTestId('review-steps').getAttribute('data-step'), 'done');
    await capture(page, 'member-done-phone');
  });
});
