import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../support/api-client.js';
import { threeLevelOrg, type OrgFixture } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { ok } from '../support/problems.js';
import { launchCycle, type ReviewSummary } from '../support/review-driver.js';
import { reviewOf } from '../support/rules-driver.js';
import { uniquePrefix } from '../support/test-env.js';
import { capture, DESKTOP, startWebHarness, type WebHarness } from './support/browser.js';
import { choose, openTaskFromInbox, signInAs, waitForTask } from './support/journey.js';

// The head of a unit on a desktop: targets whose weights must total 100, the self-assessment
// beside the targets, a return, an approval bounded by the score's band, the remediation plan.
describe("a head's review of a member (browser)", () => {
  let web: WebHarness;
  let org: OrgFixture;
  let people: Participants;
  let review: ReviewSummary;
  let member: ApiClient;

  // 25 + 0.7 × (0.6 × 90 + 0.4 × 80) = 85.2: good at most; a late first task: not completed (50% late).
  const selfAssessment = (summary: string, firstLate = false) => ({
    results: [
      { targetIndex: 0, achievement: 90, ...(firstLate ? { completion: 'late' } : {}) },
      { targetIndex: 1, achievement: 80, comment: 'Đủ 12 buổi' },
    ],
    generalScore: 25,
    proposedClassification: firstLate ? 'not_completed' : 'good',
    summary,
  });

  before(async () => {
    web = await startWebHarness();
    org = threeLevelOrg(uniquePrefix('whr'));
    people = new Participants(web.app.http);
    ok(await web.app.admin.post('/org/import', org.payload));
    const cycleId = await launchCycle(web.app.admin, org.rootId);
    review = await reviewOf(web.app.admin, cycleId, org.id('g-mem1'));
    member = await people.as(org.id('g-mem1'));
    await waitForTask(await people.as(review.reviewerId), 'assign_targets', review.id);
  });
  after(async () => web?.stop());

  it('assigns targets only once the weights total 100, returns the self-assessment, approves within the band and decides the plan', async () => {
    const page = await web.newPage({ viewport: DESKTOP });
    await signInAs(page, org, 'g-sec');

    // Targets: a sum other than 100 is an error next to the weights and blocks the assignment.
    await openTaskFromInbox(page, 'assign_targets', 'Person g-mem1');
    await page.getByLabel('Tên chỉ tiêu 1').fill('Phát triển đảng viên mới');
    await page.getByLabel('Trọng số chỉ tiêu 1 (%)').fill('60');
    await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
    await page.getByLabel('Tên chỉ tiêu 2').fill('Sinh hoạt chi bộ đầy đủ');
    await page.getByText('Nhập trọng số cho tất cả chỉ tiêu, hoặc bỏ trống tất cả.').first().waitFor();
    await page.getByLabel('Trọng số chỉ tiêu 2 (%)').fill('30');
    await page.getByTestId('weight-sum').filter({ hasText: 'Tổng trọng số: 90/100' }).waitFor();
    const weightError = page.getByText('Tổng trọng số phải bằng 100 (hiện là 90).');
    assert.equal(await weightError.count(), 2, 'under both weights');
    const assign = page.getByRole('button', { name: 'Giao chỉ tiêu' });
    assert.equal(await assign.isDisabled(), true);
    await capture(page, 'head-targets');
    await page.getByLabel('Trọng số chỉ tiêu 2 (%)').fill('40');
    await page.getByLabel('Hạn hoàn thành chỉ tiêu 1').fill('30/09/2026');
    await page.getByLabel('Hạn hoàn thành chỉ tiêu 1').press('Tab'); // Enter would submit the form
    await page.getByTestId('weight-sum').filter({ hasText: /^Tổng trọng số: 100\/100$/ }).waitFor();
    await weightError.first().waitFor({ state: 'detached' });
    await assign.click();
    await page.getByTestId('review-step').filter({ hasText: 'Tự đánh giá' }).waitFor();
    await page.getByTestId('waiting-note').filter({ hasText: 'Person g-mem1' }).waitFor();

    // The member self-assesses (API); the head reads it beside the targets and returns it.
    ok(await member.post(`/reviews/${review.id}/self-assessment`, selfAssessment('Hoàn thành các chỉ tiêu.', true)));
    await waitForTask(await people.as(review.reviewerId), 'review', review.id);
    await openTaskFromInbox(page, 'review', 'Person g-mem1');
    const targetsSide = page.getByRole('heading', { name: 'Chỉ tiêu được giao' }).or(page.getByText('Chỉ tiêu được giao', { exact: true })).first();
    const selfSide = page.getByText('Bản tự đánh giá', { exact: true }).first();
    const [left, right] = [await targetsSide.boundingBox(), await selfSide.boundingBox()];
    assert.ok(left && right && Math.abs(left.y - right.y) < 5 && right.x > left.x + 300, 'side by side on a desktop');
    await page.getByTestId('self-assessment-view').filter({ hasText: 'Đủ 12 buổi' }).waitFor();
    await page.getByTestId('live-score').filter({ hasText: '85,2' }).waitFor();
    // The timeliness figures beside the self-assessment and under the score: one late of two limits it to not completed.
    await page.getByTestId('self-timeliness').filter({ hasText: '1/2 đúng hạn, 1 chậm (50%)' }).waitFor();
    await page.getByTestId('timeliness-figures').filter({ hasText: '1/2 đúng hạn, 1 chậm (50%)' }).waitFor();
    await page.getByTestId('timeliness-limit').filter({ hasText: /^Không hoàn thành nhiệm vụ$/ }).waitFor();
    await page.getByTestId('self-assessment-view').filter({ hasText: 'Hoàn thành nhưng chậm' }).waitFor();
    await page.getByText('30/09/2026').first().waitFor(); // the first target's due date
    assert.equal(await page.getByRole('radio', { name: /^Hoàn thành nhiệm vụ/ }).isDisabled(), true, 'completed needs at most 20% late');
    await page.getByText('vượt mức cho phép theo tiến độ').first().waitFor();
    await capture(page, 'head-review');
    await page.getByTestId('language-switch').click();
    await page.getByText('Assigned targets', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Approve the classification' }).waitFor();
    await capture(page, 'head-review-en');
    await page.getByTestId('language-switch').click();
    await page.getByText('Chỉ tiêu được giao', { exact: true }).waitFor();
    await choose(page, 'Trả lại để sửa');
    await page.getByLabel('Ý kiến nhận xét').fill('Bổ sung kết quả chỉ tiêu 1.');
    await page.getByRole('button', { name: 'Trả lại bản tự đánh giá' }).click();
    await page.getByTestId('review-step').filter({ hasText: 'Tự đánh giá' }).waitFor();

    // Resubmitted (API): approval with a classification no higher than the band, and a shortcoming.
    await waitForTask(member, 'self_assess', review.id);
    ok(await member.post(`/reviews/${review.id}/self-assessment`, selfAssessment('Đã bổ sung kết quả.')));
    await waitForTask(await people.as(review.reviewerId), 'review', review.id);
    await openTaskFromInbox(page, 'review', 'Person g-mem1');
    await page.getByTestId('self-assessment-view').filter({ hasText: 'Đã bổ sung kết quả.' }).waitFor();
    await page.getByTestId('timeliness-figures').filter({ hasText: '2/2 đúng hạn, 0 chậm (0%)' }).waitFor();
    await page.getByTestId('timeliness-limit').filter({ hasText: /^Không giới hạn$/ }).waitFor();
    const excellent = page.getByRole('radio', { name: /^Hoàn thành xuất sắc nhiệm vụ/ });
    assert.equal(await excellent.isDisabled(), true, 'excellent is above a score of 85.2');
    // The reviewer's own general score moves the band live; cleared, the subject's counts again.
    await page.getByLabel('Điểm tiêu chí chung do cấp trên chấm (không bắt buộc)').fill('30');
    await page.getByTestId('live-score').filter({ hasText: '90,2' }).waitFor();
    assert.equal(await excellent.isDisabled(), false);
    await page.getByLabel('Điểm tiêu chí chung do cấp trên chấm (không bắt buộc)').fill('');
    await page.getByTestId('live-score').filter({ hasText: '85,2' }).waitFor();
    assert.equal(await excellent.isDisabled(), true);
    await choose(page, /^Hoàn thành tốt nhiệm vụ/);
    await page.getByRole('button', { name: 'Thêm hạn chế' }).click();
    await page.getByLabel('Hạn chế 1', { exact: true }).fill('Chưa chủ động đề xuất giải pháp.');
    await page.getByLabel('Ý kiến nhận xét').fill('Hoàn thành tốt nhiệm vụ.');
    await page.getByRole('button', { name: 'Phê duyệt xếp loại' }).click();
    await page.getByTestId('review-step').filter({ hasText: 'Kế hoạch khắc phục' }).waitFor();

    // The member's plan (API): returned once with a comment, then approved.
    ok(await member.post(`/reviews/${review.id}/remediation-plan`, { items: [{ action: 'Đề xuất một sáng kiến mỗi quý', dueDate: '2027-06-30' }] }));
    await waitForTask(await people.as(review.reviewerId), 'decide_remediation', review.id);
    await openTaskFromInbox(page, 'decide_remediation', 'Person g-mem1');
    await page.getByTestId('remediation-plan').filter({ hasText: 'Đề xuất một sáng kiến mỗi quý' }).waitFor();
    await page.getByLabel('Ý kiến').fill('Nêu rõ sáng kiến.');
    await capture(page, 'head-remediation');
    await page.getByRole('button', { name: 'Trả lại kế hoạch' }).click();
    await page.getByTestId('remediation-plan').filter({ hasText: 'Đã trả lại' }).waitFor();
    await waitForTask(member, 'submit_remediation', review.id);
    ok(await member.post(`/reviews/${review.id}/remediation-plan`, { items: [{ action: 'Sáng kiến về sinh hoạt chuyên đề', dueDate: '2027-06-30' }] }));
    await waitForTask(await people.as(review.reviewerId), 'decide_remediation', review.id);
    await openTaskFromInbox(page, 'decide_remediation', 'Person g-mem1');
    await page.getByRole('button', { name: 'Duyệt kế hoạch' }).click();
    await page.getByTestId('final-classification').filter({ hasText: /^Hoàn thành tốt nhiệm vụ$/ }).waitFor();
    await page.getByTestId('decided-by').filter({ hasText: 'Person g-sec (bạn)' }).waitFor();
  });
});
