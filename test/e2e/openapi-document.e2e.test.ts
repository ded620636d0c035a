import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { WELL_FORMED_TEXT_PATTERN } from '../../apps/api/http/well-formed-text.js';
import { API_PROBLEMS } from '../../apps/api/openapi/api-problems.js';
import { WEB_API_TYPES_FILE, webApiTypes } from '../../apps/api/openapi/web-api-types.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PROBLEM_CONTENT = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

interface Operation {
  security?: unknown[];
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: Record<string, any> }> };
  responses: Record<string, { content?: unknown }>;
}

describe('the OpenAPI document tells the whole truth', () => {
  let app: TestApp;
  let operations: Array<{ name: string; path: string; method: string; op: Operation }>;
  let document: any;

  before(async () => {
    app = await startTestApp();
    document = (await app.http.get('/docs-json')).body;
    operations = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ name: `${method.toUpperCase()} ${path}`, path, method, op: item[method]! })),
    );
  });
  after(() => app?.stop());

  it('every route declares the problems of its own with @ApiProblems (even none)', () => {
    const modules = app.product.api.app.get(ModulesContainer);
    const missing: string[] = [];
    for (const module of modules.values()) {
      for (const controller of module.controllers.values()) {
        const prototype = (controller.metatype as { prototype?: Record<string, unknown> } | null)?.prototype;
        if (!prototype) continue;
        for (const name of Object.getOwnPropertyNames(prototype)) {
          const handler = prototype[name];
          if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
          if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
          if (Reflect.getMetadata(API_PROBLEMS, handler) === undefined) missing.push(`${controller.name}.${name}`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });

  it('every error answer is the one shared Problem schema, as application/problem+json', () => {
    assert.deepEqual(Object.keys(document.components.schemas.Problem.properties).sort(), ['detail', 'errors', 'requestId', 'status', 'title', 'type']);
    const wrong = operations.flatMap(({ name, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => Number(status) >= 400 && status !== '431' && !(name === 'GET /ready' && status === '503'))
        .filter(([, response]) => JSON.stringify(response.content) !== JSON.stringify(PROBLEM_CONTENT))
        .map(([status]) => `${name} ${status}`),
    );
    assert.deepEqual(wrong, []);
  });

  it('every operation declares the statuses of its kind: 401 with a token, 400 with input, 404 with an id, 503 with a dependency', () => {
    const missing: string[] = [];
    for (const { name, path, method, op } of operations) {
      const expect = (status: number, why: boolean) => why && !op.responses[status] && missing.push(`${name} ${status}`);
      expect(401, (op.security?.length ?? 0) > 0);
      expect(403, (op.security?.length ?? 0) > 0 && method !== 'get');
      expect(400, op.requestBody !== undefined || (op.parameters?.length ?? 0) > 0);
      expect(404, op.parameters?.some((p) => p.in === 'path') ?? false);
      expect(422, (op.security?.length ?? 0) > 0 && method === 'post');
      expect(503, path !== '/health');
      if (!Object.keys(op.responses).some((status) => status.startsWith('2'))) missing.push(`${name} 2xx`);
    }
    assert.deepEqual(missing, []);
  });

  it('adds the problems a route declares of its own', () => {
    const statuses = (name: string) => Object.keys(operations.find((o) => o.name === name)!.op.responses);
    assert.deepEqual(statuses('POST /api/v1/auth/token').filter((s) => s >= '400').sort(), ['400', '401', '413', '415', '429', '503']);
    for (const status of ['201', '403', '409']) assert.ok(statuses('POST /api/v1/cycles').includes(status), status);
    assert.ok(statuses('GET /api/v1/audit').includes('403'));
  });

  it('states the server-side constraints of a body: required fields, ranges, at least one calendar date', () => {
    const body = (path: string) => operations.find((o) => o.name === `POST ${path}`)!.op.requestBody!.content['application/json']!.schema;
    const cycle = body('/api/v1/cycles');
    assert.deepEqual(cycle.required, ['year', 'rootUnitId']);
    assert.equal(cycle.properties.year.minimum, 2000);
    assert.equal(cycle.additionalProperties, false);
    assert.equal(body('/api/v1/cycles/{id}/calendar').minProperties, 1);
  });

  it('states the import of merged and dissolved units: optional unit fields with their defaults described', () => {
    const units = operations.find((o) => o.name === 'POST /api/v1/org/import')!.op.requestBody!.content['application/json']!.schema.properties.units.items;
    assert.deepEqual(units.required, ['id', 'parentId', 'name', 'kind']);
    assert.match(units.properties.mergedInto.description, /Omitted: the unit keeps its stored status/);
    assert.match(units.properties.dissolved.description, /withdrawn/);
  });

  it('states the cycle period: optional in the body, one of four kinds, shown on cycles and (quarterly results) on reviews', () => {
    const cycle = operations.find((o) => o.name === 'POST /api/v1/cycles')!.op.requestBody!.content['application/json']!.schema;
    assert.ok(!cycle.required.includes('period'));
    const kinds = cycle.properties.period.oneOf.map((variant: { properties: { kind: { enum: string[] } } }) => variant.properties.kind.enum[0]);
    assert.deepEqual(kinds, ['year', 'quarter', 'term', 'ad_hoc']);
    const quarter = cycle.properties.period.oneOf[1];
    assert.deepEqual([quarter.properties.quarter.minimum, quarter.properties.quarter.maximum, quarter.required], [1, 4, ['kind', 'quarter']]);
    assert.deepEqual(cycle.properties.period.oneOf[3].required, ['kind', 'title']);
    const ok200 = (name: string) => resolved(document, (operations.find((o) => o.name === name)!.op.responses['200'] as { content: { 'application/json': { schema: any } } }).content['application/json'].schema);
    // The same schema, less the request-only rule on free text (no U+0000).
    const asAnswered = JSON.parse(JSON.stringify(cycle.properties.period, (key, value) => (key === 'pattern' && value === WELL_FORMED_TEXT_PATTERN ? undefined : value)));
    assert.deepEqual(ok200('GET /api/v1/cycles/{id}').properties.period, asAnswered);
    assert.deepEqual(ok200('GET /api/v1/cycles').properties.items.items.properties.period, asAnswered);
    assert.equal(ok200('GET /api/v1/reviews/{id}').properties.quarterlyResults.type, 'array');
  });

  it('states the schema of every success answer: JSON by a schema, a download by its media type, 204 without a body', () => {
    const unstated = operations.flatMap(({ name, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => status.startsWith('2'))
        .filter(([status, response]) => {
          const content = response.content as Record<string, { schema?: { type?: string; $ref?: string; format?: string } }> | undefined;
          if (status === '204') return content !== undefined;
          const json = content?.['application/json']?.schema;
          if (json) return !['type', 'anyOf', 'oneOf'].some((key) => key in resolved(document, json));
          return !content || Object.values(content).some((media) => media.schema?.type !== 'string');
        })
        .map(([status]) => `${name} ${status}`),
    );
    assert.deepEqual(unstated, []);
    const review = resolved(document, { $ref: '#/components/schemas/Review' });
    for (const field of ['id', 'step', 'status', 'targets', 'selfAssessment', 'classification', 'timeliness', 'updatedAt']) assert.ok(review.required.includes(field), field);
  });

  it('the web app\'s committed API types are those the served document gives (else: npm run api:types)', async () => {
    const committed = await readFile(WEB_API_TYPES_FILE, 'utf8');
    assert.ok(committed === (await webApiTypes(document)), `${WEB_API_TYPES_FILE} differs from the types of /docs-json: run npm run api:types`);
  });

  it('answers a method a path does not serve with 405, an Allow header and a problem document', async () => {
    for (const [method, path, allow] of [
      ['TRACE', '/health', 'GET, HEAD'],
      ['DELETE', '/api/v1/cycles', 'GET, HEAD, POST'],
      ['PATCH', '/api/v1/cycles/some-id', 'GET, HEAD'],
    ] as const) {
      const res = await send(method, `${app.http.baseUrl}${path}`);
      assert.equal(res.status, 405, `${method} ${path}`);
      assert.equal(res.headers.allow, allow);
      assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
      assert.equal(JSON.parse(res.body).status, 405);
    }
    assert.equal((await send('TRACE', `${app.http.baseUrl}/api/v1/no-such-route`)).status, 404);
  });

  it('answers a missing or empty body with 400 naming (body), and imports nothing', async () => {
    for (const rawBody of [undefined, '']) {
      const res = await app.admin.request<any>('POST', '/org/import', undefined, rawBody === undefined ? {} : { rawBody });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.deepEqual(res.body.errors, [{ path: '(body)', message: 'a JSON body is required' }]);
    }
    const unchanged = await app.admin.post('/org/import', {});
    assert.equal(unchanged.status, 200, 'an empty object is still an (empty) import, as before');
  });
});

/** A `$ref` to a component, followed. */
function resolved(document: any, schema: { $ref?: string }): any {
  return schema.$ref ? document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
}

/** fetch() refuses TRACE; node:http sends any method. */
function send(method: string, url: string): Promise<{ status: number; headers: Record<string, string | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string | undefined>, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
