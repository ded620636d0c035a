import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../support/api-client.js';
import { buildOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { assertProblem, ok } from '../support/problems.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// Issue #10.10: striking a person off ends their sign-in, their tokens and sessions, and their roles at once.
describe('a struck-off person loses their login, tokens and roles', () => {
  let app: TestApp;
  const org = buildOrg(uniquePrefix('e2e-struck'), { id: 'U', kind: 'grassroots', people: [['sec', 'secretary'], ['mem', 'member'], ['aud', 'member']] });
  org.payload.people.find((p) => p.id === org.id('aud'))!.roles = [{ role: 'auditor', unitId: org.id('U') }];
  const person = (local: string) => org.payload.people.find((p) => p.id === org.id(local))!;
  let member: ApiClient;
  let auditor: ApiClient;
  let auditorCookie: string;

  const signInWithCookie = async (username: string) => {
    const res = await fetch(`${app.product.api.url}/api/v1/auth/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: TEST_PASSWORD }) });
    return { status: res.status, cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') };
  };
  const withCookie = async (cookie: string, path: string) => (await fetch(`${app.product.api.url}/api/v1${path}`, { headers: { cookie } })).status;

  before(async () => {
    app = await startTestApp();
    ok(await app.admin.post('/org/import', org.payload));
    member = await app.http.login(org.id('mem'), TEST_PASSWORD);
    auditor = await app.http.login(org.id('aud'), TEST_PASSWORD);
    const session = await signInWithCookie(org.id('aud'));
    assert.equal(session.status, 200);
    auditorCookie = session.cookie;
    // While active, each of them gets in, and the auditor's role opens the registry.
    ok(await member.get(`/org/units/${org.id('U')}`));
    ok(await auditor.get('/org/people'));
    assert.equal(await withCookie(auditorCookie, '/org/people'), 200);
    ok(await app.admin.post('/org/import', { units: [], people: [{ ...person('mem'), status: 'struck_off' }, { ...person('aud'), status: 'struck_off' }] }));
  });
  after(() => app?.stop());

  it('stops the bearer tokens already issued, on the next request', async () => {
    assertProblem(await member.get(`/org/units/${org.id('U')}`), 401);
    assertProblem(await member.get('/tasks'), 401);
    assertProblem(await auditor.get('/org/people'), 401);
  });

  it('stops the cookie session already opened', async () => {
    assert.equal(await withCookie(auditorCookie, '/org/people'), 401);
    assert.equal(await withCookie(auditorCookie, '/me'), 401);
  });

  it('refuses a new sign-in as it refuses an unknown user', async () => {
    const struck = await app.http.post('/auth/token', { username: org.id('aud'), password: TEST_PASSWORD }, { token: null });
    const unknown = await app.http.post('/auth/token', { username: `${org.prefix}-nobody`, password: TEST_PASSWORD }, { token: null });
    assertProblem(struck, 401);
    assert.equal(struck.body.detail, unknown.body.detail);
    assert.equal((await signInWithCookie(org.id('mem'))).status, 401);
  });

  it('leaves the active members and the bootstrap administrator (no person) unaffected', async () => {
    const secretary = await app.http.login(org.id('sec'), TEST_PASSWORD);
    ok(await secretary.get(`/org/units/${org.id('U')}`));
    ok(await app.admin.get('/org/people'));
    await app.http.login(app.config.auth.adminUsername, app.config.auth.adminPassword!); // throws unless 200
  });
});
