import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cycleBody } from '../support/cycle-body.js';
import { buildOrg } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { waitRunning } from '../support/review-driver.js';
import { approve, assignOneTarget, ok, reviewOf, selfAssess } from '../support/rules-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// Issue #12 item 2: under reg-124-2023 too, a collective is excellent only if no leader of it or
// of a unit below was disciplined, and a cell proposes its members' classification while the
// grassroots committee decides. New cycles run version 2 of the rule set.
describe('reg-124-2023 version 2 through the API', () => {
  let app: TestApp;
  let people: Participants;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
  });
  after(() => app?.stop());

  it('keeps a collective from excellent when a leader was disciplined, and has cell members decided by the grassroots head', async () => {
    const org = buildOrg(uniquePrefix('r124v2'), {
      id: 'P',
      kind: 'province',
      people: [['p-sec', 'secretary']],
      children: [
        {
          id: 'G',
          kind: 'grassroots',
          people: [['g-sec', 'secretary'], ['g-dep', 'deputy_secretary']],
          children: [{ id: 'C', kind: 'cell', people: [['c-sec', 'secretary'], ['c-mem', 'member']] }],
        },
      ],
    });
    const people_ = org.payload.people.map((p) => (p.id === org.id('g-dep') ? { ...p, discipline: [{ year: 2026, level: 'warning' as const }] } : p));
    ok(await app.admin.post('/org/import', { units: org.payload.units, people: people_ }), 'import');
    const created = await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2026, policy: { ruleSet: 'reg-124-2023' } }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const cycleId = created.body.id;
    await waitRunning(app.admin, cycleId);
    assert.deepEqual((await app.admin.get(`/cycles/${cycleId}`)).body.policy, { ruleSet: 'reg-124-2023', ruleSetVersion: 2 });

    const unit = await reviewOf(app.admin, cycleId, org.id('G'), 'unit');
    await assignOneTarget(people, unit);
    const proposedExcellent = await selfAssess(people, unit, 'excellent', null);
    assert.equal(proposedExcellent.status, 400, JSON.stringify(proposedExcellent.body));
    assert.match(proposedExcellent.body.detail, /condition collective_discipline/);
    ok(await selfAssess(people, unit, 'good', null), 'self-assessment');
    const refused = await approve(people, unit.id, unit.reviewerId, 'excellent');
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.match(refused.body.detail, /condition collective_discipline/);
    ok(await approve(people, unit.id, unit.reviewerId, 'good'), 'approval as good');

    const member = await reviewOf(app.admin, cycleId, org.id('c-mem'));
    assert.equal(member.reviewerId, org.id('c-sec'));
    await assignOneTarget(people, member);
    ok(await selfAssess(people, member, 'good', null), 'member self-assessment');
    const proposed = await approve(people, member.id, org.id('c-sec'), 'good');
    ok(proposed, 'proposal by the cell');
    assert.equal(proposed.body.step, 'superior_review');
    assert.equal(proposed.body.reviewerId, org.id('g-sec'));
    const decided = await approve(people, member.id, org.id('g-sec'), 'good');
    ok(decided, 'decision by the grassroots head');
    assert.equal(decided.body.step, 'done');
  });
});
