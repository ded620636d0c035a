import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../support/api-client.js';
import { buildOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

/** Every item of a list, following nextCursor with the given page size. */
async function allPages(client: ApiClient, path: string, limit: number): Promise<Array<{ id: string }>> {
  const out: Array<{ id: string }> = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: { items: Array<{ id: string }>; nextCursor: string | null } = ok(await client.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`));
    assert.ok(page.items.length <= limit);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('registry browsing: GET /org/units and GET /org/people', () => {
  let app: TestApp;
  let people: Participants;
  /** P (province) → D1, D2 (districts); D1 → G (grassroots). Vietnamese names to test accent-insensitive search. */
  const org = buildOrg(uniquePrefix('e2e-reg'), {
    id: 'P',
    kind: 'province',
    people: [['p-sec', 'secretary'], ['p-mem', 'member']],
    children: [
      { id: 'D1', kind: 'district', people: [['d1-dep', 'deputy_secretary'], ['d1-mem', 'member']], children: [{ id: 'G', kind: 'grassroots', people: [['g-mem', 'member']] }] },
      { id: 'D2', kind: 'district', people: [['d2-sec', 'secretary']] },
    ],
  });
  const names: Record<string, string> = { P: 'Tỉnh Nam Định', D1: 'Huyện Giao Thủy', D2: 'Huyện Hải Hậu', G: 'Xã Giao Thiện' };
  let districtAuditor: ApiClient;
  let member: ApiClient;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    const payload = structuredClone(org.payload);
    for (const unit of payload.units) unit.name = names[unit.id.slice(org.prefix.length + 1)]!;
    payload.people.find((p) => p.id === org.id('g-mem'))!.name = 'Đặng Thị Hằng';
    payload.people.push({ id: org.id('aud'), name: 'District auditor', unitId: org.id('D1'), position: 'member', username: org.id('aud'), password: TEST_PASSWORD, roles: [{ role: 'auditor', unitId: org.id('D1') }] });
    ok(await app.admin.post('/org/import', payload));
    districtAuditor = await people.as(org.id('aud'));
    member = await people.as(org.id('g-mem'));
  });
  after(() => app?.stop());

  it("lists a unit's children with head, child and member counts, by name", async () => {
    const page = ok(await app.admin.get(`/org/units?parentId=${org.rootId}`));
    assert.deepEqual(page, {
      items: [
        { id: org.id('D1'), parentId: org.rootId, name: 'Huyện Giao Thủy', kind: 'district', headId: org.id('d1-dep'), headName: 'Person d1-dep', childCount: 1, memberCount: 3, status: 'active', mergedInto: null, mergedIntoName: null },
        { id: org.id('D2'), parentId: org.rootId, name: 'Huyện Hải Hậu', kind: 'district', headId: org.id('d2-sec'), headName: 'Person d2-sec', childCount: 0, memberCount: 1, status: 'active', mergedInto: null, mergedIntoName: null },
      ],
      nextCursor: null,
    });
    // G has no secretary or deputy: its head is inherited from D1.
    const g = ok(await app.admin.get(`/org/units?parentId=${org.id('D1')}`)).items;
    assert.deepEqual(g.map((u: { id: string; headId: string; childCount: number }) => [u.id, u.headId, u.childCount]), [[org.id('G'), org.id('d1-dep'), 0]]);
  });

  it('finds units by name or id, case- and accent-insensitively, within the scope', async () => {
    // The bootstrap admin sees every test's units (one shared database): only this test's count.
    const ids = async (client: ApiClient, q: string) =>
      ok(await client.get(`/org/units?q=${encodeURIComponent(q)}&limit=500`))
        .items.map((u: { id: string }) => u.id)
        .filter((id: string) => id.startsWith(`${org.prefix}-`));
    assert.deepEqual(await ids(app.admin, 'giao'), [org.id('D1'), org.id('G')]);
    assert.deepEqual(await ids(app.admin, 'HAI HAU'), [org.id('D2')]);
    assert.deepEqual(await ids(app.admin, 'nam đinh'), [org.rootId]);
    assert.deepEqual(await ids(app.admin, `${org.prefix}-d2`), [org.id('D2')]);
    assert.deepEqual(await ids(app.admin, '100%_'), []); // wildcards are literal text
    assert.deepEqual(await ids(districtAuditor, 'huyen'), [org.id('D1')]); // D2 is outside the auditor's scope
  });

  it("with neither parentId nor q lists the top units of the caller's scope", async () => {
    assert.deepEqual(ok(await districtAuditor.get('/org/units')).items.map((u: { id: string }) => u.id), [org.id('D1')]);
    const roots = (await allPages(app.admin, '/org/units', 500)).map((u) => u.id);
    assert.ok(roots.includes(org.rootId));
    assert.ok(!roots.includes(org.id('D1')));
  });

  it('searches people by name, id or username, optionally in one unit, never with credentials', async () => {
    const found = ok(await app.admin.get(`/org/people?q=${encodeURIComponent('dang thi hang')}`)).items;
    assert.deepEqual(found, [{ id: org.id('g-mem'), name: 'Đặng Thị Hằng', unitId: org.id('G'), unitName: 'Xã Giao Thiện', position: 'member', status: 'active' }]);
    const inD1 = ok(await app.admin.get(`/org/people?unitId=${org.id('D1')}&limit=500`)).items;
    assert.deepEqual(inD1.map((p: { id: string }) => p.id).sort(), [org.id('aud'), org.id('d1-dep'), org.id('d1-mem')].sort());
    for (const person of inD1) for (const secret of ['password', 'passwordHash', 'username']) assert.ok(!(secret in person));
    // The username (= the id in the fixture) matches too; the scope keeps the auditor to D1's subtree.
    assert.deepEqual(ok(await districtAuditor.get(`/org/people?q=${org.id('d2-sec')}`)).items, []);
    const byAuditor = (await allPages(districtAuditor, `/org/people?q=${org.prefix}`, 2)).map((p) => p.id);
    assert.deepEqual(byAuditor.sort(), [org.id('aud'), org.id('d1-dep'), org.id('d1-mem'), org.id('g-mem')].sort());
  });

  it('pages by name with a cursor, every item once', async () => {
    const all = await allPages(app.admin, `/org/people?q=${org.prefix}`, 500);
    assert.equal(all.length, 7);
    const paged = await allPages(app.admin, `/org/people?q=${org.prefix}`, 2);
    assert.deepEqual(paged.map((p) => p.id), all.map((p) => p.id));
  });

  it('refuses people without a role (403), units outside the scope (404) and bad parameters (400 naming each)', async () => {
    assertProblem(await member.get('/org/units'), 403);
    assertProblem(await member.get('/org/people'), 403);
    assertProblem(await districtAuditor.get(`/org/units?parentId=${org.rootId}`), 404);
    assertProblem(await districtAuditor.get(`/org/people?unitId=${org.id('D2')}`), 404);
    assertProblem(await app.admin.get(`/org/units?parentId=${org.prefix}-nowhere`), 404);
    assertProblem(await app.admin.get('/org/units?limit=0&cursor=abc'), 400, ['limit', 'cursor']);
    const foreignCursor = Buffer.from(JSON.stringify([42])).toString('base64url'); // a cursor of another list's shape
    assertProblem(await app.admin.get(`/org/people?cursor=${foreignCursor}&limit=501&q=`), 400, ['cursor', 'limit', 'q']);
    // GET /org/units/:id is unchanged.
    assert.equal(ok(await app.admin.get(`/org/units/${org.id('D1')}`)).memberCount, 3);
  });

  it('declares every web addition with its query parameters in /docs-json', async () => {
    const docs = ok(await app.http.get('/docs-json'));
    const params = (path: string) => (docs.paths[path]?.get?.parameters ?? []).filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name).sort();
    assert.deepEqual(params('/api/v1/org/units'), ['cursor', 'limit', 'parentId', 'q']);
    assert.deepEqual(params('/api/v1/org/people'), ['cursor', 'limit', 'q', 'unitId']);
    assert.deepEqual(params('/api/v1/cycles/{id}/completion'), ['unitId']);
    assert.deepEqual(params('/api/v1/cycles/{id}/overdue'), ['cursor', 'limit', 'unitId']);
    assert.deepEqual(params('/api/v1/tasks/count'), []);
    assert.ok(docs.paths['/api/v1/tasks/count'].get);
    for (const name of ['outcome', 'unitId']) assert.ok(params('/api/v1/audit').includes(name), name);
    assert.ok(params('/api/v1/cycles/{id}/reviews').includes('subjectId'));
    assert.ok(params('/api/v1/tasks').includes('kind'));
    const outcome = docs.paths['/api/v1/audit'].get.parameters.find((p: { name: string }) => p.name === 'outcome');
    assert.deepEqual(outcome.schema.enum, ['ok', 'replayed', 'rejected', 'failed', 'attempted']);
  });
});
