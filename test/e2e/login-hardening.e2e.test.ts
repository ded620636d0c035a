import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { ok } from '../support/problems.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// Sign-in is the one public door: guessing is locked out per username, and its bodies are small.
describe('sign-in refuses guessing and oversized bodies', () => {
  let app: TestApp;
  const org = buildOrg(uniquePrefix('login'), { id: 'R', people: [['r-sec', 'secretary'], ['r-mem', 'member'], ['r-other', 'member']] });
  const LOCK_SECONDS = 2;

  before(async () => {
    app = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: String(LOCK_SECONDS) });
    ok(await app.admin.post('/org/import', org.payload));
  });
  after(() => app?.stop());

  const signIn = (username: string, password: string) =>
    fetch(`${app.product.api.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

  it('locks a username after the allowed failures in a row, even for the right password, then lets it in', async () => {
    const username = org.id('r-mem');
    for (let i = 0; i < 3; i++) assert.equal((await signIn(username, 'wrong-password')).status, 401);
    const locked = await signIn(username, TEST_PASSWORD);
    assert.equal(locked.status, 429);
    assert.equal(locked.headers.get('content-type')?.split(';')[0], 'application/problem+json');
    const retryAfter = Number(locked.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= LOCK_SECONDS, `Retry-After ${retryAfter}`);
    assert.equal(((await locked.json()) as { type: string }).type, '/problems/too_many_attempts');
    // Another person is not affected.
    assert.equal((await signIn(org.id('r-other'), TEST_PASSWORD)).status, 200);

    await new Promise((r) => setTimeout(r, (retryAfter + 0.5) * 1000));
    assert.equal((await signIn(username, TEST_PASSWORD)).status, 200);
    // The success cleared the count: one more mistake does not lock.
    assert.equal((await signIn(username, 'wrong-password')).status, 401);
    assert.equal((await signIn(username, TEST_PASSWORD)).status, 200);
  });

  it('locks an unknown username the same way, so a lock says nothing about who exists', async () => {
    const username = `${org.prefix}-nobody`;
    for (let i = 0; i < 3; i++) assert.equal((await signIn(username, 'x')).status, 401);
    assert.equal((await signIn(username, 'x')).status, 429);
  });

  it('refuses a body larger than a sign-in needs with 413', async () => {
    const res = await signIn(org.id('r-sec'), 'p'.repeat(100_000));
    assert.equal(res.status, 413);
    assert.equal(res.headers.get('content-type')?.split(';')[0], 'application/problem+json');
  });
});
