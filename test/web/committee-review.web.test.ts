import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_PASSWORD, threeLevelOrg, type OrgFixture } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { ok } from '../support/problems.js';
import { launchCycle, reviewHistory, type ReviewSummary } from '../support/review-driver.js';
import { assignOneTarget, reviewOf, selfAssess } from '../support/rules-driver.js';
import { uniquePrefix } from '../support/test-env.js';
import { axeViolations, describeViolations } from './support/axe.js';
import { capture, DESKTOP, signIn, startWebHarness, type WebHarness } from './support/browser.js';
import { choose, openTaskFromInbox, signInAs, waitForTask } from './support/journey.js';

// The standing committee's extra review in the browser (reg 366 Art. 10–11): g-mem1 is managed
// by the province P's committee; once g-sec decided, p-sec finds the task in the inbox and
// changes the classification within the score's band, with a comment.
describe("the standing committee's review (browser)", () => {
  let web: WebHarness;
  let org: OrgFixture;
  let people: Participants;
  let review: ReviewSummary;

  before(async () => {
    web = await startWebHarness();
    org = threeLevelOrg(uniquePrefix('wsc'));
    people = new Participants(web.app.http);
    const flagged = org.payload.people.map((p) => (p.id === org.id('g-mem1') ? { ...p, managedByUnitId: org.rootId } : p));
    ok(await web.app.admin.post('/org/import', { ...org.payload, people: flagged }));
    const cycleId = await launchCycle(web.app.admin, org.rootId);
    review = await reviewOf(web.app.admin, cycleId, org.id('g-mem1'));
    // Decided by g-sec through the API: 25 + 0.7 × 85 = 84.5, good at most.
    await waitForTask(await people.as(review.reviewerId), 'assign_targets', review.id);
    await assignOneTarget(people, review);
    ok(await selfAssess(people, review, 'good', { generalScore: 25, achievement: 85 }));
    ok(await (await people.as(review.reviewerId)).post(`/reviews/${review.id}/review`, { decision: 'approve', classification: 'good', comment: 'Hoàn thành tốt.' }));
  });
  after(async () => web?.stop());

  /** axe-core on the committee head's form; its script needs a context that lets it in past the CSP. */
  async function noSeriousViolations(path: string): Promise<void> {
    const context = await web.browser.newContext({ viewport: DESKTOP, baseURL: web.baseUrl, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', bypassCSP: true });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await signIn(page, org.id('p-sec'), TEST_PASSWORD);
      await page.goto(path);
      await page.getByTestId('committee-review-form').waitFor();
      const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(serious, [], describeViolations(serious));
    } finally {
      await context.close();
    }
  }

  it('the committee head finds the task in the inbox and changes the classification with a comment', async () => {
    await waitForTask(await people.as(org.id('p-sec')), 'review', review.id);
    const page = await web.newPage({ viewport: DESKTOP });
    await signInAs(page, org, 'p-sec');
    await openTaskFromInbox(page, 'review', 'Person g-mem1');
    const form = page.getByTestId('committee-review-form');
    await form.waitFor();
    await page.getByText('Đảng viên này thuộc diện cấp ủy cấp trên quản lý', { exact: false }).waitFor();
    await page.getByText('Hoàn thành tốt.').first().waitFor(); // the decision under review
    await noSeriousViolations(`/reviews/${encodeURIComponent(review.id)}`);

    await choose(page, 'Thay đổi xếp loại');
    assert.equal(await page.getByRole('radio', { name: /^Hoàn thành xuất sắc nhiệm vụ/ }).isDisabled(), true, 'excellent is above a score of 84.5');
    await choose(page, /^Hoàn thành nhiệm vụ/);
    // The comment is required before anything is sent.
    await page.getByRole('button', { name: 'Gửi ý kiến của Ban Thường vụ' }).click();
    await page.getByText('Vui lòng nhập ý kiến nhận xét.').waitFor();
    await page.getByLabel('Ý kiến nhận xét').fill('Nhiệm vụ của sở còn chậm.');
    await capture(page, 'committee-review');
    await page.getByTestId('language-switch').click();
    await page.getByRole('button', { name: "Send the standing committee's decision" }).waitFor();
    await capture(page, 'committee-review-en');
    await page.getByTestId('language-switch').click();
    await page.getByRole('button', { name: 'Gửi ý kiến của Ban Thường vụ' }).click();

    // Completed needs a remediation plan: the review moves on, showing both decisions.
    await page.getByTestId('review-step').filter({ hasText: 'Kế hoạch khắc phục' }).waitFor();
    await page.getByTestId('committee-decision').filter({ hasText: 'Thay đổi' }).filter({ hasText: 'Nhiệm vụ của sở còn chậm.' }).waitFor();
    const history = await reviewHistory(web.app.admin, review.id);
    assert.deepEqual(
      history.filter((e) => ['review.approved', 'review.committee_decided'].includes(e.type)).map((e) => [e.actorId, e.data.classification]),
      [
        [org.id('g-sec'), 'good'],
        [org.id('p-sec'), 'completed'],
      ],
    );
  });

  it('the deciding reviewer sees that the committee has the review', async () => {
    const other = await web.newPage({ viewport: DESKTOP });
    await signInAs(other, org, 'g-sec');
    await other.goto(`/reviews/${encodeURIComponent(review.id)}`);
    await other.getByTestId('committee-decision').filter({ hasText: 'Hoàn thành nhiệm vụ' }).waitFor();
  });
});
