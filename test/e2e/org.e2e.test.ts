import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newKey, type ApiClient } from '../support/api-client.js';
import { threeLevelOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

describe('organisation registry: POST /org/import, GET /org/units/:id(/people)', () => {
  let app: TestApp;
  let people: Participants;
  const org = threeLevelOrg(uniquePrefix('e2e-org'));
  const other = threeLevelOrg(uniquePrefix('e2e-org-other'));
  /** An administrator of D's subtree only. */
  let districtAdmin: ApiClient;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    const payload = structuredClone(org.payload);
    payload.people.push({ id: org.id('d-admin'), name: 'District admin', unitId: org.id('D'), position: 'member', username: org.id('d-admin'), password: TEST_PASSWORD, roles: [{ role: 'admin', unitId: org.id('D') }] });
    const imported = ok(await app.admin.post('/org/import', payload));
    assert.deepEqual(imported, { units: { created: 3, updated: 0 }, people: { created: 9, updated: 0 } });
    ok(await app.admin.post('/org/import', other.payload));
    districtAdmin = await people.as(org.id('d-admin'));
  });
  after(() => app?.stop());

  it('upserts by id: importing again updates and creates nothing twice', async () => {
    const again = ok(await app.admin.post('/org/import', org.payload));
    assert.deepEqual(again, { units: { created: 0, updated: 3 }, people: { created: 0, updated: 8 } });
  });

  it('GET /org/units/:id returns the unit with head, children and member count', async () => {
    const unit = ok(await app.admin.get(`/org/units/${org.id('D')}`));
    assert.deepEqual(unit, { id: org.id('D'), parentId: org.rootId, name: 'Unit D', kind: 'district', headId: org.id('d-sec'), children: [org.id('G')], memberCount: 3, status: 'active', mergedInto: null, mergedIntoName: null });
    const leaf = ok(await app.admin.get(`/org/units/${org.id('G')}`));
    assert.deepEqual(leaf.children, []);
    assert.equal(leaf.memberCount, 3);
  });

  it('GET /org/units/:id/people lists the people without credentials, paged', async () => {
    const page = ok(await app.admin.get(`/org/units/${org.id('G')}/people`));
    assert.deepEqual(page.items.map((p: { id: string }) => p.id), [org.id('g-mem1'), org.id('g-mem2'), org.id('g-sec')]);
    assert.equal(page.nextCursor, null);
    for (const person of page.items) {
      assert.equal(person.unitId, org.id('G'));
      for (const secret of ['password', 'passwordHash', 'password_hash', 'username']) assert.ok(!(secret in person), `${secret} exposed`);
      assert.doesNotMatch(JSON.stringify(person), /scrypt|test-password/);
    }
    const first = ok(await app.admin.get(`/org/units/${org.id('G')}/people?limit=2`));
    assert.equal(first.items.length, 2);
    assert.ok(first.nextCursor);
    const second = ok(await app.admin.get(`/org/units/${org.id('G')}/people?limit=2&cursor=${first.nextCursor}`));
    assert.deepEqual(second.items.map((p: { id: string }) => p.id), [org.id('g-sec')]);
    assert.equal(second.nextCursor, null);
    assertProblem(await app.admin.get(`/org/units/${org.id('G')}/people?limit=501`), 400, ['limit']);
    assertProblem(await app.admin.get(`/org/units/${org.id('G')}/people?cursor=garbage!`), 400, ['cursor']);
  });

  it('answers 404 for an unknown unit and for a unit outside the caller’s scope', async () => {
    assertProblem(await app.admin.get(`/org/units/${org.prefix}-nowhere`), 404);
    assertProblem(await app.admin.get(`/org/units/${org.prefix}-nowhere/people`), 404);
    // A scoped admin does not see units outside the subtree; a member sees their own unit only.
    assertProblem(await districtAdmin.get(`/org/units/${org.rootId}`), 404);
    assertProblem(await districtAdmin.get(`/org/units/${other.id('G')}/people`), 404);
    ok(await districtAdmin.get(`/org/units/${org.id('G')}`));
    const member = await people.as(org.id('g-mem1'));
    ok(await member.get(`/org/units/${org.id('G')}`));
    assertProblem(await member.get(`/org/units/${org.id('D')}`), 404);
  });

  it('refuses an import by someone who is not an administrator (403)', async () => {
    const member = await people.as(org.id('g-mem1'));
    assertProblem(await member.post('/org/import', { units: [], people: [] }), 403);
  });

  it('rejects a malformed import with 400 naming every offending field', async () => {
    const res = await app.admin.post('/org/import', {
      units: [{ id: `${org.prefix}-X`, parentId: org.rootId, name: '', kind: 'county' }],
      people: [{ id: `${org.prefix}-x1`, name: 'X', unitId: org.rootId, position: 'boss', email: 'not-an-email', roles: [{ role: 'king', unitId: org.rootId }], discipline: [{ year: 2026, level: 'scolding' }] }],
      extra: true,
    });
    assertProblem(res, 400, ['extra', 'units[0].name', 'units[0].kind', 'people[0].position', 'people[0].email', 'people[0].roles[0].role', 'people[0].discipline[0].level']);
    assertProblem(await app.admin.post('/org/import', undefined, { rawBody: '{"units": [' }), 400);
  });

  it('rejects every registry rule at once (400 with paths), all or nothing', async () => {
    const p = org.prefix;
    const res = await app.admin.post('/org/import', {
      units: [
        { id: `${p}-N1`, parentId: `${p}-missing`, name: 'Orphan', kind: 'cell' },
        { id: `${p}-N2`, parentId: org.rootId, name: 'New', kind: 'cell' },
        { id: `${p}-N2`, parentId: org.rootId, name: 'New again', kind: 'cell' },
        { id: org.rootId, parentId: org.id('G'), name: 'Root under its grandchild', kind: 'province' },
      ],
      people: [
        { id: `${p}-n-sec`, name: 'Second secretary', unitId: org.id('G'), position: 'secretary' },
        { id: `${p}-n-lost`, name: 'Lost', unitId: `${p}-nowhere`, position: 'member' },
        { id: `${p}-n-copy`, name: 'Copycat', unitId: org.id('G'), position: 'member', username: org.id('g-mem1'), password: TEST_PASSWORD },
      ],
    });
    assertProblem(res, 400, ['units[0].parentId', 'units[2].id', 'units[3].parentId', 'people[0].position', 'people[1].unitId', 'people[2].username']);
    assertProblem(await app.admin.get(`/org/units/${p}-N2`), 404); // nothing was applied
    assert.equal(ok(await app.admin.get(`/org/units/${org.rootId}`)).parentId, null);
  });

  it('rejects a scoped administrator’s grant or change outside their scope', async () => {
    const res = await districtAdmin.post('/org/import', {
      units: [{ id: org.id('P'), parentId: null, name: 'Renamed root', kind: 'province' }],
      people: [{ id: org.id('g-mem2'), name: 'Person g-mem2', unitId: org.id('G'), position: 'member', roles: [{ role: 'auditor', unitId: org.rootId }] }],
    });
    assertProblem(res, 400, ['units[0]', 'people[0].roles[0].unitId']);
    // Inside the scope the same admin may import.
    const inside = ok(await districtAdmin.post('/org/import', { units: [{ id: `${org.prefix}-C`, parentId: org.id('G'), name: 'Cell', kind: 'cell' }], people: [] }));
    assert.deepEqual(inside.units, { created: 1, updated: 0 });
  });

  it('replays a request with the same Idempotency-Key and body, and refuses another body with 422', async () => {
    const key = newKey();
    const body = { units: [{ id: `${org.prefix}-K`, parentId: org.rootId, name: 'Keyed', kind: 'other' }], people: [] };
    const first = ok(await app.admin.post('/org/import', body, { idempotencyKey: key }));
    assert.deepEqual(first.units, { created: 1, updated: 0 });
    const replay = ok(await app.admin.post('/org/import', body, { idempotencyKey: key }));
    assert.deepEqual(replay, first); // an applied second import would say updated: 1
    const changed = { units: [{ ...body.units[0], name: 'Keyed, renamed' }], people: [] };
    assertProblem(await app.admin.post('/org/import', changed, { idempotencyKey: key }), 422);
    assert.equal(ok(await app.admin.get(`/org/units/${org.prefix}-K`)).name, 'Keyed');
    assertProblem(await app.admin.post('/org/import', body, { idempotencyKey: 'bad key with spaces\u00e9' }), 400, ['Idempotency-Key']);
  });
});
