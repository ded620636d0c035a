import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('operations endpoints', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.stop());

  it('GET /health answers 200 without a token', async () => {
    const res = await app.http.get('/health');
    assert.equal(res.status, 200);
  });

  it('GET /ready answers 200 naming both servers as up', async () => {
    const res = await app.http.get('/ready');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.postgresql, 'up');
    assert.equal(res.body.temporal, 'up');
    assert.deepEqual(res.body.down, []);
  });

  it('GET /docs-json serves the OpenAPI document listing every route of the contract', async () => {
    const res = await app.http.get('/docs-json');
    assert.equal(res.status, 200);
    assert.match(String(res.body.openapi), /^3\./);
    const paths = Object.keys(res.body.paths);
    for (const path of [
      '/api/v1/auth/token',
      '/api/v1/org/import',
      '/api/v1/org/units/{id}',
      '/api/v1/org/units/{id}/people',
      '/api/v1/cycles',
      '/api/v1/cycles/{id}',
      '/api/v1/cycles/{id}/cancel',
      '/api/v1/cycles/{id}/reviews',
      '/api/v1/reviews/{id}',
      '/api/v1/reviews/{id}/targets',
      '/api/v1/reviews/{id}/self-assessment',
      '/api/v1/reviews/{id}/review',
      '/api/v1/reviews/{id}/remediation-plan',
      '/api/v1/reviews/{id}/remediation-decision',
      '/api/v1/reviews/{id}/history',
      '/api/v1/tasks',
      '/api/v1/cycles/{cycleId}/units/{unitId}/report',
      '/api/v1/audit',
      '/health',
      '/ready',
    ]) {
      assert.ok(paths.includes(path), `${path} missing from ${paths.join(', ')}`);
    }
  });

  it('GET /ready answers 503 naming PostgreSQL while the database is unreachable, and 200 again after', async () => {
    await app.product.db.destroy();
    try {
      const res = await app.http.get('/ready');
      assert.equal(res.status, 503, JSON.stringify(res.body));
      assert.deepEqual(res.body.down, ['postgresql']);
      assert.equal(res.body.temporal, 'up');
      assert.equal((await app.http.get('/health')).status, 200);
      const list = await app.admin.get('/cycles');
      assert.equal(list.status, 503, JSON.stringify(list.body));
      assert.match(list.body.detail, /^PostgreSQL is unavailable/);
    } finally {
      await app.product.db.initialize();
    }
    assert.equal((await app.http.get('/ready')).status, 200);
  });

  it('answers an unknown route with a 404 problem, not a 500', async () => {
    const res = await app.admin.get('/no-such-thing');
    assert.equal(res.status, 404);
    assert.match(res.contentType ?? '', /problem\+json/);
  });
});
