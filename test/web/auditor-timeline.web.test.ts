import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_PASSWORD, threeLevelOrg, type OrgFixture } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { ok } from '../support/problems.js';
import { launchCycle, type ReviewSummary } from '../support/review-driver.js';
import { assignOneTarget, reviewOf, selfAssess } from '../support/rules-driver.js';
import { uniquePrefix } from '../support/test-env.js';
import { capture, PHONE, signIn, startWebHarness, type WebHarness } from './support/browser.js';

const RETURN_COMMENT = 'Bổ sung kết quả công tác dân vận';
const APPROVE_COMMENT = 'Hoàn thành tốt các chỉ tiêu được giao';

describe('an auditor reads a review history and the audit log (browser)', () => {
  let web: WebHarness;
  let org: OrgFixture;
  let review: ReviewSummary;
  let auditorId: string;

  before(async () => {
    web = await startWebHarness();
    org = threeLevelOrg(uniquePrefix('waud'));
    auditorId = org.id('auditor');
    org.payload.people.push({ id: auditorId, name: 'Trần Thị Kiểm', unitId: org.rootId, position: 'member', username: auditorId, password: TEST_PASSWORD, roles: [{ role: 'auditor', unitId: org.rootId }] });
    ok(await web.app.admin.post('/org/import', org.payload));
    const cycleId = await launchCycle(web.app.admin, org.rootId);
    const people = new Participants(web.app.http);

    // Targets, a self-assessment returned with a comment, a second one, an approval with a comment.
    review = await reviewOf(web.app.admin, cycleId, org.id('g-mem1'));
    await assignOneTarget(people, review);
    ok(await selfAssess(people, review, 'good', { generalScore: 25, achievement: 90 }));
    const reviewer = await people.as(review.reviewerId);
    ok(await reviewer.post(`/reviews/${review.id}/review`, { decision: 'return', comment: RETURN_COMMENT }));
    ok(await selfAssess(people, review, 'good', { generalScore: 26, achievement: 95 }));
    ok(await reviewer.post(`/reviews/${review.id}/review`, { decision: 'approve', classification: 'good', comment: APPROVE_COMMENT }));
    // More refused requests by the reviewer than one page of the audit log holds (a step already done: 409).
    for (let i = 0; i < 22; i += 1) {
      const refused = await reviewer.post(`/reviews/${review.id}/targets`, { targets: [{ title: `Again ${i}` }] });
      assert.equal(refused.status, 409);
    }
  });
  after(async () => web?.stop());

  it('shows each event in order with its actor and comment, and links to the raw history', async () => {
    const page = await web.newPage();
    await signIn(page, auditorId, TEST_PASSWORD);
    await page.goto(`/reviews/${review.id}`);
    await page.getByTestId('history-link').click();
    await page.waitForURL(/\/history$/);
    const events = page.getByTestId('history-event');
    await events.filter({ hasText: APPROVE_COMMENT }).waitFor();

    const types = await events.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-type')));
    const expected = ['review.launched', 'targets.assigned', 'self_assessment.submitted', 'review.returned', 'self_assessment.submitted', 'review.approved'];
    assert.deepEqual(types.filter((t) => expected.includes(t!)), expected);
    const returned = events.filter({ hasText: 'Trả lại để tự đánh giá lại' });
    assert.match(await returned.innerText(), new RegExp(`Person g-sec[\\s\\S]*${RETURN_COMMENT}`));
    const approved = events.filter({ hasText: 'Cấp trên đánh giá, xếp loại' });
    assert.match(await approved.innerText(), /Person g-sec[\s\S]*Hoàn thành tốt nhiệm vụ/);
    assert.match(await events.filter({ hasText: 'Nộp bản tự đánh giá' }).first().innerText(), /Person g-mem1/);
    await capture(page, 'auditor-history');

    const href = await page.getByTestId('raw-history').getAttribute('href');
    assert.ok(href);
    const raw = await page.request.get(href);
    assert.equal(raw.status(), 200);
    assert.match(raw.headers()['content-type'] ?? '', /json/);
    assert.ok(Array.isArray(((await raw.json()) as { events?: unknown[] }).events));
  });

  it('shows the history in English one click away', async () => {
    const page = await web.newPage({ language: 'en' });
    await signIn(page, auditorId, TEST_PASSWORD);
    await page.goto(`/reviews/${review.id}/history`);
    await page.getByTestId('history-event').filter({ hasText: 'Returned for a new self-assessment' }).waitFor();
    await capture(page, 'auditor-history-en');
  });

  for (const [name, viewport] of [['desktop', undefined], ['phone', PHONE]] as const) {
    it(`filters the audit log by actor and outcome and pages with "load more" (${name})`, async () => {
      const page = await web.newPage({ viewport });
      await signIn(page, auditorId, TEST_PASSWORD);
      await page.goto('/audit');
      await page.getByTestId('audit-outcome').first().waitFor();

      await page.locator('input#actorId').click();
      await page.locator('input#actorId').fill(org.id('g-sec'));
      await page.locator('.ant-select-item-option').filter({ hasText: 'Person g-sec' }).first().click();
      await page.locator('input#outcome').click();
      await page.locator('.ant-select-item-option').filter({ hasText: 'Từ chối' }).click();
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      await page.waitForURL(/outcome=rejected/);

      // A table on a desktop, a list of cards on a phone.
      const rows = page.getByTestId('audit-table').locator('tbody tr.ant-table-row, .ant-list-item');
      // The filtered page replaces the first one: twenty refusals, nothing else.
      await page.locator('[data-testid=audit-outcome][data-outcome=rejected]').nth(19).waitFor();
      await page.getByTestId('audit-count').getByText('Đang hiển thị 20 bản ghi').waitFor();
      assert.deepEqual([...new Set(await page.getByTestId('audit-outcome').evaluateAll((n) => n.map((e) => e.getAttribute('data-outcome'))))], ['rejected']);
      assert.match(await rows.first().innerText(), /Person g-sec/);
      await capture(page, `auditor-audit-${name}`);

      await page.getByTestId('audit-more').click();
      await page.getByTestId('audit-count').getByText('Đang hiển thị 22 bản ghi').waitFor();
      assert.equal(await page.getByTestId('audit-more').count(), 0);
    });
  }
});
