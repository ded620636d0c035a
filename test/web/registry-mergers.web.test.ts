import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_PASSWORD, buildOrg, type OrgFixture } from '../support/org-fixture.js';
import { ok } from '../support/problems.js';
import { eventually, launchCycle } from '../support/review-driver.js';
import { uniquePrefix } from '../support/test-env.js';
import { capture, signIn, startWebHarness, type WebHarness } from './support/browser.js';

describe('an administrator sees merged and dissolved units in the registry and on the dashboard (browser)', () => {
  let web: WebHarness;
  let org: OrgFixture;
  let cycleId: string;

  before(async () => {
    web = await startWebHarness();
    org = buildOrg(uniquePrefix('wmrg'), {
      id: 'P',
      kind: 'province',
      people: [['p-sec', 'secretary']],
      children: [
        { id: 'A', kind: 'grassroots', people: [['a-sec', 'secretary']] },
        { id: 'B', kind: 'grassroots', people: [['b-sec', 'secretary']] },
        { id: 'C', kind: 'grassroots', people: [['c-sec', 'secretary'], ['c-mem', 'member']] },
      ],
    });
    org.payload.people.push({ id: org.id('admin'), name: 'Trần Thị Quản', unitId: org.rootId, position: 'member', username: org.id('admin'), password: TEST_PASSWORD, roles: [{ role: 'admin', unitId: org.rootId }] });
    ok(await web.app.admin.post('/org/import', org.payload));
    cycleId = await launchCycle(web.app.admin, org.rootId);
    // Mid-cycle, B goes into A, C is dissolved; their people move to A by the same import, as it requires.
    // B owned no review (its report was ready: it is sent on retiring); C keeps c-mem's review (A,
    // with nothing of its own, had stopped collecting) and reports it once it is done.
    const unit = (local: string, extra: Record<string, unknown>) => ({ id: org.id(local), parentId: org.rootId, name: `Unit ${local}`, kind: 'grassroots', ...extra });
    ok(
      await web.app.admin.post('/org/import', {
        units: [unit('B', { mergedInto: org.id('A') }), unit('C', { dissolved: true })],
        people: ['b-sec', 'c-sec', 'c-mem'].map((p) => ({ id: org.id(p), name: `Person ${p}`, unitId: org.id('A'), position: 'member' })),
      }),
    );
    // The import answers before its changes reach the running cycle.
    await eventually(async () => {
      const children = ok(await web.app.admin.get(`/cycles/${cycleId}/completion`)).children as Array<{ unitId: string; reportStatus: string | null }>;
      assert.equal(children.find((c) => c.unitId === org.id('B'))?.reportStatus, 'submitted');
    });
  });
  after(async () => web?.stop());

  it('shows each unit where it stands: merged into another, dissolved, or active', async () => {
    const page = await web.newPage();
    await signIn(page, org.id('admin'), TEST_PASSWORD);
    await page.goto('/registry');
    const root = page.getByTestId(`unit-node-${org.rootId}`);
    await root.waitFor();
    await page.locator('.ant-tree-treenode').filter({ has: root }).locator('.ant-tree-switcher').click();
    await page.getByTestId(`unit-status-${org.id('B')}`).filter({ hasText: 'Đã sáp nhập vào Unit A' }).waitFor();
    await page.getByTestId(`unit-status-${org.id('C')}`).filter({ hasText: 'Đã giải thể' }).waitFor();
    await page.getByTestId(`unit-node-${org.id('A')}`).waitFor();
    if ((await page.getByTestId(`unit-status-${org.id('A')}`).count()) !== 0) throw new Error('an active unit shows a status tag');
    await capture(page, 'admin-registry-mergers');
  });

  it('marks the retired units on the cycle’s completion dashboard, with no quota raise, and the report only if it was sent', async () => {
    const page = await web.newPage();
    await signIn(page, org.id('admin'), TEST_PASSWORD);
    await page.goto(`/cycles/${cycleId}`);
    await page.getByTestId(`completion-${org.id('A')}`).waitFor();
    const table = page.getByTestId('completion-table');
    await table.getByTestId(`unit-status-${org.id('B')}`).filter({ hasText: 'Đã sáp nhập vào Unit A' }).waitFor();
    await table.getByTestId(`unit-status-${org.id('C')}`).filter({ hasText: 'Đã giải thể' }).waitFor();
    assert.equal(await table.getByTestId(`unit-status-${org.id('A')}`).count(), 0, 'an active unit shows a status tag');
    const rowOf = (local: string) => table.locator('tr').filter({ has: page.getByTestId(`completion-${org.id(local)}`) });
    assert.equal(await rowOf('B').getByRole('button').count(), 0, 'a merged unit offers a quota raise');
    assert.equal(await rowOf('A').getByRole('button').count(), 1, 'an active unit offers its quota raise');
    assert.match(await rowOf('C').innerText(), /—/, 'a dissolved unit shows no report before it sends one');
    assert.match(await rowOf('B').innerText(), /Đã gửi/, 'a merged unit whose report was ready sent it on retiring');
    assert.match(await rowOf('A').innerText(), /Sẵn sàng gửi|Đang tổng hợp/);
    await capture(page, 'admin-completion-mergers');
  });
});
