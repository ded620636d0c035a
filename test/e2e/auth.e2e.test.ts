import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { actorOf, assertProblem, expiredToken, ok } from '../support/problems.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

describe('POST /auth/token and bearer tokens', () => {
  let app: TestApp;
  const org = buildOrg(uniquePrefix('e2e-auth'), { id: 'U', people: [['sec', 'secretary']] });

  before(async () => {
    app = await startTestApp();
    ok(await app.admin.post('/org/import', org.payload));
  });
  after(() => app?.stop());

  it('exchanges a username and password for a bearer token that opens the API', async () => {
    const res = await app.http.post('/auth/token', { username: org.id('sec'), password: TEST_PASSWORD });
    const body = ok(res);
    assert.equal(body.tokenType, 'Bearer');
    assert.equal(typeof body.accessToken, 'string');
    assert.ok(Number.isInteger(body.expiresIn) && body.expiresIn > 0);
    assert.deepEqual(Object.keys(body).sort(), ['accessToken', 'expiresIn', 'tokenType']);
    assert.equal(actorOf(body.accessToken), org.id('sec'));
    ok(await app.http.as(body.accessToken).get(`/org/units/${org.id('U')}`));
  });

  it('gives the same 401 for a wrong password and for an unknown user', async () => {
    const wrong = await app.http.post('/auth/token', { username: org.id('sec'), password: 'not-the-password' });
    const unknown = await app.http.post('/auth/token', { username: `${org.prefix}-nobody`, password: TEST_PASSWORD });
    assertProblem(wrong, 401);
    assertProblem(unknown, 401);
    assert.equal(wrong.body.detail, unknown.body.detail);
    assert.equal(wrong.body.type, unknown.body.type);
  });

  it('rejects a malformed body with 400 naming every field', async () => {
    assertProblem(await app.http.post('/auth/token', {}), 400, ['username', 'password']);
    assertProblem(await app.http.post('/auth/token', { username: 42, password: '' }), 400, ['username', 'password']);
    assertProblem(await app.http.post('/auth/token', undefined, { rawBody: '{"username": ' }), 400);
  });

  it('answers 401 without a token, with a bad token and with an expired token', async () => {
    assertProblem(await app.http.get('/cycles'), 401);
    assertProblem(await app.http.get('/cycles', { token: 'not.a.token' }), 401);
    assertProblem(await app.http.get('/cycles', { headers: { authorization: 'Basic dXNlcjpwdw==' } }), 401);
    const signedElsewhere = await expiredToken('x'.repeat(40), actorOf(app.admin.token!));
    assertProblem(await app.http.get('/cycles', { token: signedElsewhere }), 401);
    const expired = await expiredToken(app.config.auth.jwtSecret, actorOf(app.admin.token!));
    assertProblem(await app.http.get('/cycles', { token: expired }), 401);
    assertProblem(await app.http.post('/org/import', { units: [], people: [] }, { token: expired }), 401);
  });
});
