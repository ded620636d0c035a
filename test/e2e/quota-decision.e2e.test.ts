import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cycleBody } from '../support/cycle-body.js';
import { buildOrg } from '../support/org-fixture.js';
import { assertProblem, ok } from '../support/problems.js';
import { waitRunning } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

describe('PUT …/quota records the decision granting the raise', () => {
  let app: TestApp;
  let cycleId: string;
  const org = buildOrg(uniquePrefix('qdec'), {
    id: 'P',
    kind: 'province',
    people: [['p-sec', 'secretary']],
    children: [
      { id: 'A', kind: 'grassroots', people: [['a-sec', 'secretary'], ['a-m1', 'member']] },
      { id: 'B', kind: 'grassroots', people: [['b-sec', 'secretary'], ['b-m1', 'member']] },
    ],
  });
  const quotaPath = (unit: string) => `/cycles/${cycleId}/units/${org.id(unit)}/quota`;
  const put = (unit: string, body: object) => app.admin.request<any>('PUT', quotaPath(unit), body, {});

  before(async () => {
    app = await startTestApp();
    ok(await app.admin.post('/org/import', org.payload));
    cycleId = ok(await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2026 })), 201).id;
    await waitRunning(app.admin, cycleId);
  });
  after(() => app?.stop());

  it('stores and returns the decision number and date, and names them in the audit entry', async () => {
    const body = { excellentPercent: 25, reason: 'Outstanding results', decisionNumber: '125-QĐ/TU', decisionDate: '2026-11-20' };
    const raised = ok(await put('A', body));
    assert.equal(raised.decisionNumber, '125-QĐ/TU');
    assert.equal(raised.decisionDate, '2026-11-20');
    assert.equal(raised.reason, 'Outstanding results');
    const read = ok(await app.admin.get(quotaPath('A')));
    assert.deepEqual([read.excellentPercent, read.reason, read.decisionNumber, read.decisionDate], [25, 'Outstanding results', '125-QĐ/TU', '2026-11-20']);
    const audit = ok(await app.admin.get(`/audit?cycleId=${cycleId}&limit=500`));
    assert.ok(
      audit.items.some((e: { target: string; outcome: string }) => e.outcome === 'ok' && e.target === `quota:${cycleId}:${org.id('A')}:25%:decision=125-QĐ/TU@2026-11-20`),
      JSON.stringify(audit.items.map((e: { target: string }) => e.target)),
    );
  });

  it('keeps a raise with a reason only working as before: no decision recorded (null), audit target unchanged', async () => {
    const raised = ok(await put('B', { excellentPercent: 22, reason: 'Good year' }));
    assert.deepEqual([raised.excellentPercent, raised.reason, raised.decisionNumber, raised.decisionDate], [22, 'Good year', null, null]);
    const audit = ok(await app.admin.get(`/audit?cycleId=${cycleId}&limit=500`));
    assert.ok(audit.items.some((e: { target: string }) => e.target === `quota:${cycleId}:${org.id('B')}:22%`));
  });

  it('replaces the whole raise: a later raise without a decision clears the earlier one', async () => {
    ok(await put('A', { excellentPercent: 24, reason: 'Revised' }));
    const read = ok(await app.admin.get(quotaPath('A')));
    assert.deepEqual([read.excellentPercent, read.decisionNumber, read.decisionDate], [24, null, null]);
  });

  it('refuses a bad decision date or an empty number with a 400 naming the field, and changes nothing', async () => {
    for (const decisionDate of ['2026-02-30', '20/11/2026', '2026-11-20T00:00:00Z', '']) {
      assertProblem(await put('B', { excellentPercent: 25, reason: 'x', decisionDate }), 400, ['decisionDate']);
    }
    assertProblem(await put('B', { excellentPercent: 25, reason: 'x', decisionNumber: '  ', decisionDate: 20261120 }), 400, ['decisionNumber', 'decisionDate']);
    assertProblem(await put('B', { excellentPercent: 25, reason: '', decisionNumber: '1-QĐ' }), 400, ['reason']);
    assert.equal(ok(await app.admin.get(quotaPath('B'))).excellentPercent, 22);
  });
});
