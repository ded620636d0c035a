import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Issue #10.2-3: the headers every answer carries, no CORS for other sites, no stack trace or
// version in any body, and a problem document even where Node answers before the app (431).

const EVIL = 'https://evil.example';
/** What a leaked stack trace or version looks like. */
const LEAKS = [/\bat \S+ \(/, /\.[jt]s:\d+/, /node_modules/, /\bnode\/?v?\d+\.\d+/i, /express/i, /nestjs/i, /"stack"/];

describe('security headers, CORS and error bodies', () => {
  let app: TestApp;
  let token = '';
  const raw = (path: string, init: RequestInit = {}) => fetch(`${app.http.baseUrl}${path}`, init);
  const authed = (init: RequestInit = {}): RequestInit => ({ ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });

  before(async () => {
    app = await startTestApp();
    token = app.admin.token!;
  });
  after(() => app?.stop());

  const assertCommon = (res: Response, what: string) => {
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what);
    assert.equal(res.headers.get('x-frame-options'), 'DENY', what);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer', what);
    assert.equal(res.headers.get('x-powered-by'), null, what);
  };

  it('serves the app’s HTML with a CSP that forbids framing, and the common headers', async () => {
    const res = await raw('/');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    assertCommon(res, 'GET /');
  });

  it('never lets caches keep tokens or authenticated JSON', async () => {
    const login = await raw('/api/v1/auth/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: app.config.auth.adminUsername, password: app.config.auth.adminPassword }) });
    assert.equal(login.status, 200);
    assert.equal(login.headers.get('cache-control'), 'no-store');
    assertCommon(login, 'POST /auth/token');
    for (const path of ['/api/v1/me', '/api/v1/cycles', '/api/v1/tasks']) {
      const res = await raw(path, authed());
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('cache-control'), 'no-store', path);
      assertCommon(res, path);
    }
  });

  it('grants no CORS to a foreign origin, on a request or a preflight', async () => {
    const res = await raw('/api/v1/me', authed({ headers: { origin: EVIL } }));
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
    for (const path of ['/api/v1/me', '/api/v1/auth/token', '/api/v1/cycles']) {
      const preflight = await raw(path, { method: 'OPTIONS', headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
      assert.equal(preflight.headers.get('access-control-allow-origin'), null, path);
      assert.equal(preflight.headers.get('access-control-allow-methods'), null, path);
      assert.equal(preflight.headers.get('access-control-allow-headers'), null, path);
      assert.ok(preflight.status >= 400, `${path}: preflight answered ${preflight.status}`);
    }
  });

  it('shows no stack trace, version or X-Powered-By in a 404, 400, 405 or 401', async () => {
    const cases: Array<[string, RequestInit, number]> = [
      ['/api/v1/nothing-here', authed(), 404],
      ['/api/v1/reviews/no-such-review', authed(), 404],
      ['/api/v1/auth/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username": ' }, 400],
      ['/api/v1/cycles', authed({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ year: 'x' }) }), 400],
      ['/api/v1/me', authed({ method: 'DELETE' }), 405],
      ['/api/v1/me', {}, 401],
      ['/health', {}, 200],
    ];
    for (const [path, init, status] of cases) {
      const res = await raw(path, init);
      const what = `${init.method ?? 'GET'} ${path}`;
      assert.equal(res.status, status, what);
      const body = await res.text();
      for (const leak of LEAKS) assert.doesNotMatch(body, leak, `${what}: ${body}`);
      assertCommon(res, what);
      if (status >= 400) assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/, what);
    }
  });

  it('answers a 100 kB header with 431 as problem+json', async () => {
    const url = new URL(app.http.baseUrl);
    const answer = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: '/api/v1/me', headers: { 'x-big': 'a'.repeat(100_000) } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(answer.status, 431);
    assert.match(answer.type, /^application\/problem\+json/);
    const problem = JSON.parse(answer.body);
    assert.equal(problem.status, 431);
    assert.equal(typeof problem.title, 'string');
    assert.equal(typeof problem.type, 'string');
  });
});
