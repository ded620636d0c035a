import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../support/api-client.js';
import { threeLevelOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// Issue #10.9: a scoped administrator must not take over a person whose membership is in their
// subtree but whose roles reach wider, and a refused import must cost no password hashing.
describe('import: no takeover of a role wider than the importer’s scope', () => {
  let app: TestApp;
  let people: Participants;
  const org = threeLevelOrg(uniquePrefix('e2e-takeover'));
  const other = threeLevelOrg(uniquePrefix('e2e-takeover-other'));
  /** Administrator of D's subtree. */
  let districtAdmin: ApiClient;
  const NEW_PASSWORD = 'taken-over-password';
  /** A province auditor who is a member of the commune G, inside the district admin's subtree. */
  const auditor = () => ({ id: org.id('g-aud'), name: 'Province auditor', unitId: org.id('G'), position: 'member' as const });
  /** A commune administrator in G: a role inside the district admin's scope. */
  const communeAdmin = () => ({ id: org.id('g-adm'), name: 'Commune admin', unitId: org.id('G'), position: 'member' as const });

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    const payload = structuredClone(org.payload);
    payload.people.push(
      { id: org.id('d-admin'), name: 'District admin', unitId: org.id('D'), position: 'member', username: org.id('d-admin'), password: TEST_PASSWORD, roles: [{ role: 'admin', unitId: org.id('D') }] },
      { ...auditor(), username: org.id('g-aud'), password: TEST_PASSWORD, roles: [{ role: 'auditor', unitId: org.rootId }] },
      { ...communeAdmin(), username: org.id('g-adm'), password: TEST_PASSWORD, roles: [{ role: 'admin', unitId: org.id('G') }] },
    );
    ok(await app.admin.post('/org/import', payload));
    ok(await app.admin.post('/org/import', other.payload));
    districtAdmin = await people.as(org.id('d-admin'));
  });
  after(() => app?.stop());

  const rolesOf = async (personId: string) => {
    const page = ok(await app.admin.get(`/org/units/${org.id('G')}/people`));
    return page.items.find((p: { id: string }) => p.id === personId).roles;
  };

  it('refuses to reset the password of a person holding a wider role (403 naming the record), nothing stored', async () => {
    const res = await districtAdmin.post('/org/import', {
      units: [],
      people: [
        { id: org.id('g-mem1'), name: 'Renamed g-mem1', unitId: org.id('G'), position: 'member' },
        { id: org.id('g-mem2'), name: 'Person g-mem2', unitId: org.id('G'), position: 'member' },
        { id: org.id('g-sec'), name: 'Person g-sec', unitId: org.id('G'), position: 'secretary' },
        { ...auditor(), password: NEW_PASSWORD },
      ],
    });
    assertProblem(res, 403, ['people[3].password']);
    assertProblem(await app.http.post('/auth/token', { username: org.id('g-aud'), password: NEW_PASSWORD }, { token: null }), 401);
    ok(await app.http.post('/auth/token', { username: org.id('g-aud'), password: TEST_PASSWORD }, { token: null }));
    const g = ok(await app.admin.get(`/org/units/${org.id('G')}/people`));
    assert.equal(g.items.find((p: { id: string }) => p.id === org.id('g-mem1')).name, 'Person g-mem1'); // all or nothing
  });

  it('refuses to change the username or the roles of a person holding a wider role', async () => {
    const res = await districtAdmin.post('/org/import', {
      units: [],
      people: [
        { ...auditor(), username: `${org.prefix}-mine` },
        { ...auditor(), id: org.id('g-aud'), roles: [{ role: 'auditor', unitId: org.id('G') }] },
      ],
    });
    // Both records are named (the duplicate id is a 400 rule, checked after who may act).
    assertProblem(res, 403, ['people[0].username', 'people[1].roles']);
    assertProblem(await districtAdmin.post('/org/import', { units: [], people: [{ ...auditor(), roles: [] }] }), 403, ['people[0].roles']);
    assert.deepEqual(await rolesOf(org.id('g-aud')), [{ role: 'auditor', unitId: org.rootId }]);
  });

  it('still lets the scoped administrator manage people whose roles lie within the scope', async () => {
    ok(await districtAdmin.post('/org/import', { units: [], people: [{ ...communeAdmin(), password: NEW_PASSWORD, roles: [{ role: 'auditor', unitId: org.id('G') }] }] }));
    ok(await app.http.post('/auth/token', { username: org.id('g-adm'), password: NEW_PASSWORD }, { token: null }));
    assert.deepEqual(await rolesOf(org.id('g-adm')), [{ role: 'auditor', unitId: org.id('G') }]);
    // The wider-role holder's membership data stays theirs to keep: a rename without credentials passes.
    ok(await districtAdmin.post('/org/import', { units: [], people: [{ ...auditor(), name: 'Province auditor, renamed', username: org.id('g-aud') }] }));
  });

  it('lets an administrator whose scope covers the wider role reset it', async () => {
    ok(await app.admin.post('/org/import', { units: [], people: [{ ...auditor(), password: NEW_PASSWORD }] }));
    ok(await app.http.post('/auth/token', { username: org.id('g-aud'), password: NEW_PASSWORD }, { token: null }));
  });

  it('grants roles only within the importer’s scope (400 naming the role)', async () => {
    const res = await districtAdmin.post('/org/import', { units: [], people: [{ id: org.id('g-mem2'), name: 'Person g-mem2', unitId: org.id('G'), position: 'member', roles: [{ role: 'admin', unitId: org.rootId }] }] });
    assertProblem(res, 400, ['people[0].roles[0].unitId']);
  });

  it('hashes no password before the import is known to pass its checks', async () => {
    // 600 people outside the district admin's scope: refused (400) whether or not they carry passwords.
    const outside = (withPassword: boolean) => ({
      units: [],
      people: Array.from({ length: 600 }, (_, i) => ({
        id: `${other.prefix}-x${i}`,
        name: `Outsider ${i}`,
        unitId: other.id('G'),
        position: 'member',
        ...(withPassword ? { username: `${other.prefix}-x${i}`, password: `password-${i}` } : {}),
      })),
    });
    const timed = async (body: unknown) => {
      const started = performance.now();
      assertProblem(await districtAdmin.post('/org/import', body), 400);
      return performance.now() - started;
    };
    const withoutPasswords = await timed(outside(false));
    const withPasswords = await timed(outside(true));
    // 600 scrypt runs take seconds; skipping them leaves the two refusals equally quick.
    assert.ok(withPasswords - withoutPasswords < 1500, `passwords cost ${Math.round(withPasswords - withoutPasswords)} ms on a refused import`);
  });
});
