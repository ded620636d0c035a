import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../support/api-client.js';
import { threeLevelOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// Issue #10.12: each persona sees of a co-member only what their work needs.
describe('personal data: GET /org/units/:id/people shows each reader what their work needs', () => {
  let app: TestApp;
  let people: Participants;
  const org = threeLevelOrg(uniquePrefix('e2e-privacy'));
  const elsewhere = threeLevelOrg(uniquePrefix('e2e-privacy-else'));
  const G = () => org.id('G');
  const itemsOf = async (client: ApiClient) => ok(await client.get(`/org/units/${G()}/people`)).items as Array<Record<string, unknown>>;
  const byId = (items: Array<Record<string, unknown>>, local: string) => items.find((p) => p.id === org.id(local));

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    ok(await app.admin.post('/org/import', elsewhere.payload));
    const payload = structuredClone(org.payload);
    const mem2 = payload.people.find((p) => p.id === org.id('g-mem2'))!;
    Object.assign(mem2, { email: 'mem2@example.org', discipline: [{ year: 2025, level: 'reprimand' }], roles: [{ role: 'auditor', unitId: elsewhere.rootId }] });
    payload.people.push(
      { id: org.id('g-old'), name: 'Struck off', unitId: G(), position: 'member', email: 'old@example.org', status: 'struck_off' },
      { id: org.id('d-aud'), name: 'District auditor', unitId: org.id('D'), position: 'member', username: org.id('d-aud'), password: TEST_PASSWORD, roles: [{ role: 'auditor', unitId: org.id('D') }] },
    );
    ok(await app.admin.post('/org/import', payload));
  });
  after(() => app?.stop());

  it('shows a member their active co-members’ id, name, unit and position only', async () => {
    const items = await itemsOf(await people.as(org.id('g-mem1')));
    assert.deepEqual(items.map((p) => p.id).sort(), [org.id('g-mem1'), org.id('g-mem2'), org.id('g-sec')]);
    for (const person of items) assert.deepEqual(Object.keys(person).sort(), ['id', 'name', 'position', 'unitId']);
    assert.equal(byId(items, 'g-mem2')!.name, 'Person g-mem2'); // what the review pages show
  });

  it('shows the unit’s head what reviewing needs: standing and discipline, not contact, roles or login', async () => {
    const items = await itemsOf(await people.as(org.id('g-sec')));
    for (const person of items) assert.deepEqual(Object.keys(person).sort(), ['discipline', 'id', 'name', 'position', 'status', 'unitId']);
    assert.deepEqual(byId(items, 'g-mem2')!.discipline, [{ year: 2025, level: 'reprimand', dutyRelated: false, selfDetected: false }]);
    assert.equal(byId(items, 'g-old')!.status, 'struck_off');
  });

  it('shows administrators and auditors of the scope every field (never credentials)', async () => {
    for (const reader of [app.admin, await people.as(org.id('d-aud'))]) {
      const items = await itemsOf(reader);
      const mem2 = byId(items, 'g-mem2')!;
      assert.deepEqual(Object.keys(mem2).sort(), ['discipline', 'email', 'hasLogin', 'id', 'managedByUnitId', 'name', 'position', 'roles', 'status', 'unitId']);
      assert.equal(mem2.email, 'mem2@example.org');
      assert.deepEqual(mem2.roles, [{ role: 'auditor', unitId: elsewhere.rootId }]);
      assert.equal(byId(items, 'g-old')!.status, 'struck_off');
    }
  });

  it('keeps the registry searches to administrators and auditors', async () => {
    const member = await people.as(org.id('g-mem1'));
    assertProblem(await member.get(`/org/people?unitId=${G()}`), 403);
    assertProblem(await member.get('/org/units'), 403);
    assertProblem(await member.get(`/org/units/${org.id('D')}/people`), 404);
  });
});
