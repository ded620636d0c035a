import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { assertProblem, ok } from '../support/problems.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

const INDEX_HTML = `<!doctype html><html><head><meta name="csp-nonce" content="__CSP_NONCE__">
<style nonce="__CSP_NONCE__">body{margin:0}</style><script type="module" src="/assets/app-1a2b.js"></script></head>
<body><div id="root"></div></body></html>`;

interface Session {
  cookie: string;
  csrfToken: string;
  setCookies: string[];
  body: { expiresIn: number; csrfToken: string };
}

describe('the web app: static serving, cookie session, /me', () => {
  let app: TestApp;
  let webDir: string;
  const org = buildOrg(uniquePrefix('e2e-web'), {
    id: 'P',
    kind: 'province',
    people: [['p-sec', 'secretary']],
    children: [
      { id: 'D', kind: 'district', people: [['d-sec', 'secretary'], ['d-admin', 'member']], children: [{ id: 'C', kind: 'cell', people: [['c-mem', 'member']] }] },
    ],
  });
  org.payload.people.find((p) => p.id === org.id('d-admin'))!.roles = [{ role: 'admin', unitId: org.id('D') }];

  const raw = (path: string, init: RequestInit = {}) => fetch(`${app.product.api.url}${path}`, { redirect: 'manual', ...init });
  const signIn = async (username: string, password = TEST_PASSWORD): Promise<Session> => {
    const res = await raw('/api/v1/auth/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    assert.equal(res.status, 200, await res.clone().text());
    const setCookies = res.headers.getSetCookie();
    const cookie = setCookies.map((c) => c.split(';')[0]).join('; ');
    const body = (await res.json()) as Session['body'];
    return { cookie, csrfToken: body.csrfToken, setCookies, body };
  };
  const json = async (res: Response): Promise<{ status: number; body: any; contentType: string | null }> => ({ status: res.status, body: await res.json().catch(() => null), contentType: res.headers.get('content-type') });

  before(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'web-'));
    await mkdir(join(webDir, 'assets'));
    await writeFile(join(webDir, 'index.html'), INDEX_HTML);
    await writeFile(join(webDir, 'assets', 'app-1a2b.js'), 'console.log("app");\n');
    await writeFile(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await startTestApp({ WEB_DIR: webDir });
    ok(await app.admin.post('/org/import', org.payload));
  });
  after(async () => {
    await app?.stop();
    await rm(webDir, { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes, with a fresh CSP nonce that matches the page', async () => {
    const nonces: string[] = [];
    for (const path of ['/', '/inbox', '/reviews/abc', '/index.html']) {
      const res = await raw(path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(res.headers.get('cache-control'), 'no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      const html = await res.text();
      assert.ok(!html.includes('__CSP_NONCE__'), 'placeholder replaced');
      const nonce = /<meta name="csp-nonce" content="([^"]+)">/.exec(html)?.[1];
      assert.ok(nonce, 'nonce in the page');
      assert.ok(html.includes(`<style nonce="${nonce}">`));
      assert.ok(csp.includes(`style-src 'self' 'nonce-${nonce}'`), csp);
      for (const directive of ["default-src 'self'", "script-src 'self'", "style-src-attr 'unsafe-inline'", "img-src 'self' data:", "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"]) {
        assert.ok(csp.includes(directive), `${directive} in ${csp}`);
      }
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      nonces.push(nonce);
    }
    assert.equal(new Set(nonces).size, nonces.length, 'a new nonce per response');
  });

  it('serves assets as immutable files and answers 404 for a missing one; root files as they are', async () => {
    const asset = await raw('/assets/app-1a2b.js');
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('content-type') ?? '', /javascript/);
    assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
    assert.equal(await asset.text(), 'console.log("app");\n');
    const missing = await raw('/assets/nope-0000.js');
    assert.equal(missing.status, 404);
    assert.doesNotMatch(await missing.text(), /<html/);
    const traversal = await raw('/assets/..%2f..%2fetc%2fpasswd');
    assert.ok(traversal.status === 403 || traversal.status === 404, String(traversal.status));
    const favicon = await raw('/favicon.svg');
    assert.equal(favicon.status, 200);
    assert.match(favicon.headers.get('content-type') ?? '', /svg/);
  });

  it('leaves the API, the docs and the probes to the API: /api/v1/nope is a problem+json 404', async () => {
    const nope = await json(await raw('/api/v1/nope'));
    assertProblem(nope, 404);
    assertProblem(await json(await raw('/api/v1/nope', { method: 'POST' })), 404);
    assert.equal((await raw('/health')).status, 200);
    const docs = await raw('/docs-json');
    assert.equal(docs.status, 200);
    const paths = Object.keys(((await docs.json()) as { paths: object }).paths);
    for (const path of ['/api/v1/auth/session', '/api/v1/auth/logout', '/api/v1/me']) assert.ok(paths.includes(path), path);
    const api = await raw('/api/v1/me');
    assert.equal(api.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(api.headers.get('cache-control'), 'no-store');
  });

  it('answers a short plain page when the app is not built', async () => {
    await rename(join(webDir, 'index.html'), join(webDir, 'index.html.bak'));
    try {
      const res = await raw('/');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
      assert.match(await res.text(), /npm run build/);
      assert.match(await (await raw('/inbox')).text(), /npm run build/);
    } finally {
      await rename(join(webDir, 'index.html.bak'), join(webDir, 'index.html'));
    }
  });

  it('POST /auth/session sets the session and CSRF cookies; 401 on bad credentials, 400 naming the field', async () => {
    const session = await signIn(org.id('d-sec'));
    assert.equal(session.body.expiresIn, app.config.auth.tokenTtlSeconds);
    assert.equal(typeof session.body.csrfToken, 'string');
    const sessionCookie = session.setCookies.find((c) => c.startsWith('rc_session='))!;
    const csrfCookie = session.setCookies.find((c) => c.startsWith('rc_csrf='))!;
    assert.ok(sessionCookie && csrfCookie, session.setCookies.join(' | '));
    assert.match(sessionCookie, /; HttpOnly/i);
    assert.match(sessionCookie, /; SameSite=Strict/i);
    assert.match(sessionCookie, /; Path=\/api(;|$)/);
    assert.match(sessionCookie, new RegExp(`; Max-Age=${app.config.auth.tokenTtlSeconds}(;|$)`));
    assert.doesNotMatch(sessionCookie, /; Secure/i); // plain http here
    assert.equal(csrfCookie.split(';')[0], `rc_csrf=${session.csrfToken}`);
    assert.doesNotMatch(csrfCookie, /HttpOnly/i);
    assert.match(csrfCookie, /; SameSite=Strict/i);
    assert.match(csrfCookie, /; Path=\/(;|$)/);

    const login = await raw('/api/v1/auth/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: org.id('d-sec'), password: 'wrong-password' }) });
    assertProblem(await json(login), 401);
    assert.deepEqual(login.headers.getSetCookie(), []);
    const unknown = await raw('/api/v1/auth/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nobody-here', password: 'x' }) });
    assertProblem(await json(unknown), 401);
    const invalid = await raw('/api/v1/auth/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'x' }) });
    assertProblem(await json(invalid), 400, ['username']);
    const token = await raw('/api/v1/auth/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: org.id('d-sec'), password: TEST_PASSWORD }) });
    assert.equal(token.headers.get('cache-control'), 'no-store');
  });

  it('authenticates reads by the cookie; a cookie-authenticated write needs X-CSRF-Token equal to rc_csrf', async () => {
    const admin = await signIn(org.id('d-admin'));
    const me = await json(await raw('/api/v1/me', { headers: { cookie: admin.cookie } }));
    assert.equal(me.status, 200);
    assert.equal(me.body.id, org.id('d-admin'));

    const unit = { units: [{ id: org.id('E'), parentId: org.id('D'), name: 'Unit E', kind: 'cell' }], people: [] };
    const post = (headers: Record<string, string>) =>
      raw('/api/v1/org/import', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(unit) });
    const missing = await json(await post({ cookie: admin.cookie }));
    assertProblem(missing, 403);
    assert.match(missing.body.type, /csrf$/);
    const wrong = await json(await post({ cookie: admin.cookie, 'x-csrf-token': 'not-the-token' }));
    assertProblem(wrong, 403);
    assert.match(wrong.body.type, /csrf$/);
    // A header that matches a planted rc_csrf cookie is refused: the token is bound to the session.
    const planted = admin.cookie.replace(/rc_csrf=[^;]+/, 'rc_csrf=planted-token');
    assertProblem(await json(await post({ cookie: planted, 'x-csrf-token': 'planted-token' })), 403);
    // Another session's pair does not fit this session either.
    const other = await signIn(org.id('d-sec'));
    const mixed = `${admin.cookie.split('; ').find((c) => c.startsWith('rc_session='))}; rc_csrf=${other.csrfToken}`;
    assertProblem(await json(await post({ cookie: mixed, 'x-csrf-token': other.csrfToken })), 403);

    const accepted = await json(await post({ cookie: admin.cookie, 'x-csrf-token': admin.csrfToken }));
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.deepEqual(accepted.body.units, { created: 1, updated: 0 });
    // A member calling an admin endpoint with a valid session and token is still 403 (not allowed).
    const member = await signIn(org.id('c-mem'));
    const forbidden = await json(await post({ cookie: member.cookie, 'x-csrf-token': member.csrfToken }));
    assertProblem(forbidden, 403);
    assert.doesNotMatch(forbidden.body.type, /csrf$/);

    // The refusal is audited with the caller.
    const audit = ok(await app.admin.get(`/audit?actorId=${org.id('d-admin')}&limit=500`)).items as Array<{ action: string; outcome: string; status: number }>;
    assert.ok(audit.some((e) => e.action === 'POST /org/import' && e.status === 403 && e.outcome === 'rejected'), JSON.stringify(audit));
  });

  it('401 without a session, with a garbage or expired-looking cookie', async () => {
    assertProblem(await json(await raw('/api/v1/me')), 401);
    assertProblem(await json(await raw('/api/v1/me', { headers: { cookie: 'rc_session=garbage' } })), 401);
    assertProblem(await json(await raw('/api/v1/me', { headers: { cookie: 'rc_session=' } })), 401);
    assertProblem(await json(await raw('/api/v1/tasks', { headers: { cookie: 'other=1; rc_csrf=x' } })), 401);
  });

  it('bearer clients are unaffected: a bearer write needs no CSRF header, whatever cookies come along', async () => {
    const session = await signIn(org.id('d-admin'));
    const bearer = await app.http.login(org.id('d-admin'), TEST_PASSWORD);
    const body = { units: [{ id: org.id('F'), parentId: org.id('D'), name: 'Unit F', kind: 'cell' }], people: [] };
    const res = await raw('/api/v1/org/import', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer.token}`, cookie: session.cookie },
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(res.headers.get('cache-control'), 'no-store');
    // A bad bearer token is 401 even with a valid cookie: the Authorization header decides.
    assertProblem(await json(await raw('/api/v1/me', { headers: { authorization: 'Bearer nope', cookie: session.cookie } })), 401);
    const token = await app.http.post('/auth/token', { username: org.id('d-admin'), password: TEST_PASSWORD }, { token: null });
    assert.equal(token.status, 200);
    assert.deepEqual(Object.keys(token.body).sort(), ['accessToken', 'expiresIn', 'tokenType']);
  });

  it('POST /auth/logout clears both cookies (204); with a session cookie it needs the CSRF header', async () => {
    const session = await signIn(org.id('d-sec'));
    assertProblem(await json(await raw('/api/v1/auth/logout', { method: 'POST', headers: { cookie: session.cookie } })), 403);
    const res = await raw('/api/v1/auth/logout', { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
    assert.equal(res.status, 204);
    const cleared = res.headers.getSetCookie();
    for (const [name, path] of [['rc_session', '/api'], ['rc_csrf', '/']] as const) {
      const cookie = cleared.find((c) => c.startsWith(`${name}=`));
      assert.ok(cookie, `${name} cleared: ${cleared.join(' | ')}`);
      assert.match(cookie, new RegExp(`^${name}=;`));
      assert.match(cookie, /Max-Age=0/);
      assert.match(cookie, new RegExp(`; Path=${path.replace('/', '\\/')}(;|$)`));
    }
    // Without any session it still answers 204 (an expired tab can always sign out).
    assert.equal((await raw('/api/v1/auth/logout', { method: 'POST' })).status, 204);
  });

  it('GET /me describes the caller: person, roles with unit names, the units they head (inherited too)', async () => {
    const admin = ok(await app.admin.get('/me'));
    assert.deepEqual(admin, {
      id: app.config.auth.adminUsername,
      username: app.config.auth.adminUsername,
      name: null,
      unitId: null,
      unitName: null,
      position: null,
      roles: [{ role: 'admin', unitId: null, unitName: null }],
      headOf: [],
    });
    const dSec = await signIn(org.id('d-sec'));
    const me = await json(await raw('/api/v1/me', { headers: { cookie: dSec.cookie } }));
    assert.equal(me.status, 200);
    // The cell C has no secretary: its head is inherited from D.
    assert.deepEqual(me.body, {
      id: org.id('d-sec'),
      username: org.id('d-sec'),
      name: 'Person d-sec',
      unitId: org.id('D'),
      unitName: 'Unit D',
      position: 'secretary',
      roles: [],
      headOf: [
        { unitId: org.id('D'), name: 'Unit D', kind: 'district' },
        { unitId: org.id('C'), name: 'Unit C', kind: 'cell' },
        { unitId: org.id('E'), name: 'Unit E', kind: 'cell' },
        { unitId: org.id('F'), name: 'Unit F', kind: 'cell' },
      ],
    });
    const dAdmin = ok(await (await app.http.login(org.id('d-admin'), TEST_PASSWORD)).get('/me'));
    assert.deepEqual(dAdmin.roles, [{ role: 'admin', unitId: org.id('D'), unitName: 'Unit D' }]);
    assert.deepEqual(dAdmin.headOf, []);
    assert.equal(dAdmin.position, 'member');
  });
});
