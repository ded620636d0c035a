import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ApiClient, ApiResponse } from '../support/api-client.js';
import { buildOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { ok } from '../support/problems.js';
import { allReviews, launchCycle, type ReviewSummary } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// Issue #10.1: one table, every endpoint × every persona × inside (district A) / outside
// (district B) → the status API.md prescribes: 401 without a token, 404 for an id outside the
// caller's scope, 403 for one they see but may not act on (or no role), the state's 4xx for the
// one who may act. Every 2xx answer is also searched for the other district's ids.
//
// P (province): p-sec; the scoped admin and the auditor of A sit in P (so A's lists are not theirs as members)
// ├─ A (district): a-sec (head), a-mem
// └─ B (district): b-sec (head), b-mem
//
// Request bodies are valid, so what decides is who asks (body validation runs before the access
// check). State changes stay harmless: the one allowed to act finds the wrong step (409), except
// targets (the reviewer assigns them: 200), the import (the registry as it stands) and, last of
// all, the bootstrap admin's cancel.

const PERSONAS = ['admin', 'aAdmin', 'aAud', 'aHead', 'aMem', 'bMem', 'anon'] as const;
type Persona = (typeof PERSONAS)[number];
type Side = 'A' | 'B';

interface Row {
  /** As the OpenAPI document names it: `GET /api/v1/reviews/{id}`. */
  route: string;
  side?: Side;
  /** The request path (under /api/v1 unless it starts with /health, /ready or /docs). */
  path: (s: Side) => string;
  body?: (s: Side) => unknown;
  raw?: { contentType: string; body: () => string };
  headers?: Record<string, string>;
  /** Statuses in PERSONAS order. */
  expect: string;
}

/** A POST whose body is a file (the API client sends JSON only). */
async function upload(client: ApiClient, path: string, file: { contentType: string; body: () => string }): Promise<ApiResponse> {
  const headers: Record<string, string> = { 'content-type': file.contentType };
  if (client.token) headers.authorization = `Bearer ${client.token}`;
  const res = await fetch(`${client.baseUrl}/api/v1${path}`, { method: 'POST', headers, body: file.body() });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, contentType: res.headers.get('content-type') };
}

describe('authorization matrix: every endpoint × persona × inside/outside scope', () => {
  let app: TestApp;
  let people: Participants;
  const org = buildOrg(uniquePrefix('e2e-authz'), {
    id: 'P',
    kind: 'province',
    people: [['p-sec', 'secretary']],
    children: [
      { id: 'A', kind: 'district', people: [['a-sec', 'secretary'], ['a-mem', 'member']] },
      { id: 'B', kind: 'district', people: [['b-sec', 'secretary'], ['b-mem', 'member']] },
    ],
  });
  const clients = {} as Record<Persona, ApiClient>;
  const review = {} as Record<Side, ReviewSummary>;
  let reviews: ReviewSummary[] = [];
  let cycleId = '';
  let operationId = 'unknown-operation';
  let unitsCsv = '';
  const unit = (s: Side) => org.id(s);
  const importOf = (s: Side) => ({
    units: org.payload.units.filter((u) => u.id === unit(s)),
    people: org.payload.people.filter((p) => p.unitId === unit(s)),
  });
  const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  /** What a persona must never see: the other district's people and reviews. */
  const hidden = (persona: Persona, route: string): string[] => {
    const reviewsOf = (s: Side) => reviews.filter((r) => r.subject.id.startsWith(org.id(s.toLowerCase())) || r.subject.id === unit(s)).map((r) => r.id);
    // The audit trail of A rightly names whoever asked for A's things (B's member probing A's review included): no entry about B.
    const of = (s: Side) => (route.includes('/audit') ? [unit(s), ...reviewsOf(s)] : [org.id(`${s.toLowerCase()}-sec`), org.id(`${s.toLowerCase()}-mem`), ...reviewsOf(s)]);
    if (persona === 'admin' || persona === 'anon') return [];
    return persona === 'bMem' ? of('A') : of('B');
  };

  const R = (s: Side) => review[s].id;
  const report = (s: Side) => `/cycles/${cycleId}/units/${unit(s)}`;
  const NO_ROLE_403 = '200 200 200 403 403 403 401';
  const EVERYONE = '200 200 200 200 200 200 401';

  const table: Row[] = [
    // Public
    { route: 'GET /health', path: () => '/health', expect: '200 200 200 200 200 200 200' },
    { route: 'GET /ready', path: () => '/ready', expect: '200 200 200 200 200 200 200' },
    { route: 'POST /api/v1/auth/token', path: () => '/auth/token', body: () => ({ username: `${org.id('nobody')}-${randomUUID()}`, password: 'wrong-password' }), expect: '401 401 401 401 401 401 401' },
    { route: 'POST /api/v1/auth/session', path: () => '/auth/session', body: () => ({ username: `${org.id('nobody')}-${randomUUID()}`, password: 'wrong-password' }), expect: '401 401 401 401 401 401 401' },
    { route: 'POST /api/v1/auth/logout', path: () => '/auth/logout', expect: '204 204 204 204 204 204 204' },
    // The caller's own
    { route: 'GET /api/v1/me', path: () => '/me', expect: EVERYONE },
    { route: 'GET /api/v1/tasks', path: () => '/tasks', expect: EVERYONE },
    { route: 'GET /api/v1/tasks/count', path: () => '/tasks/count', expect: EVERYONE },
    // Cycles
    { route: 'GET /api/v1/cycles', path: () => '/cycles', expect: EVERYONE },
    { route: 'GET /api/v1/cycles/{id}', path: () => `/cycles/${cycleId}`, expect: EVERYONE },
    { route: 'POST /api/v1/cycles', path: () => '/cycles', body: () => ({ year: new Date().getUTCFullYear() + 1, rootUnitId: org.rootId }), expect: '409 403 403 403 403 403 401' },
    ...(['A', 'B'] as const).flatMap((side): Row[] => [
      { route: 'GET /api/v1/cycles/{id}/completion', side, path: (s) => `/cycles/${cycleId}/completion?unitId=${unit(s)}`, expect: side === 'A' ? NO_ROLE_403 : '200 403 403 403 403 403 401' },
      { route: 'GET /api/v1/cycles/{id}/overdue', side, path: (s) => `/cycles/${cycleId}/overdue?unitId=${unit(s)}`, expect: side === 'A' ? NO_ROLE_403 : '200 403 403 403 403 403 401' },
      { route: 'GET /api/v1/cycles/{id}/reviews', side, path: (s) => `/cycles/${cycleId}/reviews?unitId=${unit(s)}`, expect: EVERYONE },
    ]),
    // Reviews: reads
    ...(['A', 'B'] as const).flatMap((side): Row[] => {
      const seen = side === 'A' ? '200 200 200 200 200 404 401' : '200 404 404 404 404 200 401';
      return [
        { route: 'GET /api/v1/reviews/{id}', side, path: (s) => `/reviews/${R(s)}`, expect: seen },
        { route: 'GET /api/v1/reviews/{id}/record.pdf', side, path: (s) => `/reviews/${R(s)}/record.pdf`, expect: seen },
        { route: 'GET /api/v1/reviews/{id}/history', side, path: (s) => `/reviews/${R(s)}/history`, expect: side === 'A' ? '200 200 200 403 200 404 401' : '200 404 404 404 404 200 401' },
        { route: 'GET /api/v1/reviews/{id}/history', side, path: (s) => `/reviews/${R(s)}/history?format=temporal`, expect: side === 'A' ? '200 200 200 403 200 404 401' : '200 404 404 404 404 200 401' },
      ];
    }),
    // Reviews: actions (the review is at target_assignment: the one who may act finds the wrong step, 409)
    ...(['A', 'B'] as const).flatMap((side): Row[] => {
      const bySubject = side === 'A' ? '403 403 403 403 409 404 401' : '403 404 404 404 404 409 401';
      const byReviewer = side === 'A' ? '403 403 403 409 403 404 401' : '403 404 404 404 404 403 401';
      return [
        { route: 'POST /api/v1/reviews/{id}/self-assessment', side, path: (s) => `/reviews/${R(s)}/self-assessment`, body: () => ({ results: [{ targetIndex: 0, achievement: 90 }], generalScore: 26, proposedClassification: 'good', summary: 'Done' }), expect: bySubject },
        { route: 'POST /api/v1/reviews/{id}/review', side, path: (s) => `/reviews/${R(s)}/review`, body: () => ({ decision: 'approve', classification: 'good', comment: 'Agreed' }), expect: byReviewer },
        { route: 'POST /api/v1/reviews/{id}/remediation-plan', side, path: (s) => `/reviews/${R(s)}/remediation-plan`, body: () => ({ items: [{ action: 'Improve', dueDate: '2027-06-30' }] }), expect: bySubject },
        { route: 'POST /api/v1/reviews/{id}/remediation-decision', side, path: (s) => `/reviews/${R(s)}/remediation-decision`, body: () => ({ decision: 'approve' }), expect: byReviewer },
        { route: 'POST /api/v1/reviews/{id}/reclassify', side, path: (s) => `/reviews/${R(s)}/reclassify`, body: () => ({ classification: 'good', comment: 'Fits the quota' }), expect: byReviewer },
        // No standing committee reviews this subject: nobody who sees the review may (403).
        { route: 'POST /api/v1/reviews/{id}/committee-review', side, path: (s) => `/reviews/${R(s)}/committee-review`, body: () => ({ decision: 'confirm', comment: 'Confirmed' }), expect: side === 'A' ? '403 403 403 403 403 404 401' : '403 404 404 404 404 403 401' },
        // Last: the reviewer's call takes effect (200); the others are refused before any state.
        { route: 'POST /api/v1/reviews/{id}/targets', side, path: (s) => `/reviews/${R(s)}/targets`, body: () => ({ targets: [{ title: 'Tasks of the year', weight: 100 }] }), expect: side === 'A' ? '403 403 403 200 403 404 401' : '403 404 404 404 404 403 401' },
      ];
    }),
    // Reports upward, their downloads and the quota
    ...(['A', 'B'] as const).flatMap((side): Row[] => {
      const seen = side === 'A' ? '200 200 200 200 404 404 401' : '200 404 404 404 404 404 401';
      return [
        { route: 'GET /api/v1/cycles/{cycleId}/units/{unitId}/report', side, path: (s) => `${report(s)}/report`, expect: seen },
        { route: 'GET /api/v1/cycles/{cycleId}/units/{unitId}/report.pdf', side, path: (s) => `${report(s)}/report.pdf`, expect: seen },
        { route: 'GET /api/v1/cycles/{cycleId}/units/{unitId}/report.xlsx', side, path: (s) => `${report(s)}/report.xlsx`, expect: seen },
        { route: 'POST /api/v1/cycles/{cycleId}/units/{unitId}/report', side, path: (s) => `${report(s)}/report`, body: () => ({ summary: 'Our year' }), expect: side === 'A' ? '403 403 403 409 404 404 401' : '403 404 404 404 404 404 401' },
        { route: 'GET /api/v1/cycles/{cycleId}/units/{unitId}/quota', side, path: (s) => `${report(s)}/quota`, expect: side === 'A' ? '200 200 200 404 404 404 401' : '200 404 404 404 404 404 401' },
        { route: 'PUT /api/v1/cycles/{cycleId}/units/{unitId}/quota', side, path: (s) => `${report(s)}/quota`, body: () => ({ excellentPercent: 25, reason: 'Outstanding results' }), expect: side === 'A' ? '200 403 403 404 404 404 401' : '200 404 404 404 404 404 401' },
      ];
    }),
    // Organisation registry
    { route: 'GET /api/v1/org/units', path: () => '/org/units', expect: NO_ROLE_403 },
    { route: 'GET /api/v1/org/import/template', path: () => '/org/import/template', expect: '200 200 403 403 403 403 401' },
    { route: 'POST /api/v1/org/import/spreadsheet', path: () => '/org/import/spreadsheet?sheet=units', raw: { contentType: 'text/csv', body: () => unitsCsv }, expect: '200 400 403 403 403 403 401' },
    ...(['A', 'B'] as const).flatMap((side): Row[] => [
      { route: 'GET /api/v1/org/people', side, path: (s) => `/org/people?unitId=${unit(s)}`, expect: side === 'A' ? NO_ROLE_403 : '200 404 404 403 403 403 401' },
      { route: 'GET /api/v1/org/units/{id}', side, path: (s) => `/org/units/${unit(s)}`, expect: side === 'A' ? '200 200 200 200 200 404 401' : '200 404 404 404 404 200 401' },
      { route: 'GET /api/v1/org/units/{id}/people', side, path: (s) => `/org/units/${unit(s)}/people`, expect: side === 'A' ? '200 200 200 200 200 404 401' : '200 404 404 404 404 200 401' },
      { route: 'POST /api/v1/org/import', side, path: () => '/org/import', body: importOf, expect: side === 'A' ? '200 200 403 403 403 403 401' : '200 400 403 403 403 403 401' },
    ]),
    // Calendar (the admin asks for the operation, followed below), then the audit trail of all the above
    { route: 'POST /api/v1/cycles/{id}/calendar', path: () => `/cycles/${cycleId}/calendar`, body: () => ({ reportDueAt: at(335) }), headers: { prefer: 'respond-async' }, expect: '202 403 403 403 403 403 401' },
    { route: 'GET /api/v1/operations/{id}', path: () => `/operations/${operationId}`, expect: '200 403 403 404 404 404 401' },
    { route: 'GET /api/v1/audit', path: () => '/audit?limit=500', expect: NO_ROLE_403 },
    { route: 'GET /api/v1/audit.csv', path: () => '/audit.csv', expect: NO_ROLE_403 },
    { route: 'GET /api/v1/audit/verify', path: () => '/audit/verify', expect: '200 403 403 403 403 403 401' },
    // Last of all: the bootstrap admin cancels the cycle (personas run admin last).
    { route: 'POST /api/v1/cycles/{id}/cancel', path: () => `/cycles/${cycleId}/cancel`, body: () => ({ reason: 'End of the authorization matrix' }), expect: '200 403 403 403 403 403 401' },
  ];

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    const payload = structuredClone(org.payload);
    payload.people.push(
      { id: org.id('a-admin'), name: 'Admin of A', unitId: org.rootId, position: 'member', username: org.id('a-admin'), password: TEST_PASSWORD, roles: [{ role: 'admin', unitId: unit('A') }] },
      { id: org.id('a-aud'), name: 'Auditor of A', unitId: org.rootId, position: 'member', username: org.id('a-aud'), password: TEST_PASSWORD, roles: [{ role: 'auditor', unitId: unit('A') }] },
    );
    ok(await app.admin.post('/org/import', payload));
    cycleId = await launchCycle(app.admin, org.rootId);
    reviews = await allReviews(app.admin, cycleId);
    review.A = reviews.find((r) => r.subject.id === org.id('a-mem'))!;
    review.B = reviews.find((r) => r.subject.id === org.id('b-mem'))!;
    assert.ok(review.A && review.B);
    const csv = await app.admin.get('/org/import/template?format=csv&sheet=units&filled=true&lang=en');
    unitsCsv = ok(csv) as unknown as string;
    Object.assign(clients, {
      admin: app.admin,
      aAdmin: await people.as(org.id('a-admin')),
      aAud: await people.as(org.id('a-aud')),
      aHead: await people.as(org.id('a-sec')),
      aMem: await people.as(org.id('a-mem')),
      bMem: await people.as(org.id('b-mem')),
      anon: app.http,
    });
  });
  after(() => app?.stop());

  it('covers every route of the OpenAPI document', async () => {
    const doc = ok(await app.http.get('/docs-json'));
    const served = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`),
    );
    assert.deepEqual([...new Set(table.map((r) => r.route))].sort(), [...new Set(served)].sort());
  });

  it('answers each persona as the table says, and no 2xx shows the other district', async () => {
    const failures: string[] = [];
    let cells = 0;
    for (const row of table) {
      const expected = row.expect.split(' ').map(Number);
      assert.equal(expected.length, PERSONAS.length, row.route);
      // The bootstrap admin goes last: its answer may change state (targets, cancel) for no one after it.
      for (const persona of [...PERSONAS].reverse()) {
        const want = expected[PERSONAS.indexOf(persona)]!;
        const side = row.side ?? 'A';
        const client = clients[persona];
        const res: ApiResponse = row.raw ? await upload(client, row.path(side), row.raw) : await client.request(row.route.split(' ')[0]!, row.path(side), row.body?.(side), { headers: row.headers });
        cells++;
        const cell = `${row.route} [${row.side ?? '-'}] as ${persona}`;
        if (res.status !== want) {
          failures.push(`${cell}: expected ${want}, got ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
          continue;
        }
        if (want >= 400) {
          if (!/^application\/problem\+json/.test(res.contentType ?? '')) failures.push(`${cell}: ${want} is not problem+json`);
        } else {
          const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
          for (const id of hidden(persona, row.route)) if (text.includes(id)) failures.push(`${cell}: shows ${id} from the other district ${text.slice(Math.max(0, text.indexOf(id) - 300), text.indexOf(id) + 100)}`);
        }
        if (row.route === 'POST /api/v1/cycles/{id}/calendar' && persona === 'admin') operationId = res.body.id;
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${cells} cells`);
  });
});
