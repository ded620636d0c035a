import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import { AuditPageSchema, ChainVerdictSchema } from '../../apps/api/audit/audit.responses.js';
import { SessionSchema, TokenSchema } from '../../apps/api/auth/auth.responses.js';
import { CompletionSchema, CyclePageSchema, CycleSchema, LaunchedCycleSchema, OverduePageSchema } from '../../apps/api/cycles/cycle.responses.js';
import { LivenessSchema, ReadinessSchema } from '../../apps/api/health/health.responses.js';
import { MeSchema } from '../../apps/api/me/me.responses.js';
import { OperationSchema } from '../../apps/api/operations/operation.responses.js';
import { ImportResultSchema, PersonListPageSchema, UnitListPageSchema, UnitPersonPageSchema, UnitSchema } from '../../apps/api/org/org.responses.js';
import { QuotaSchema } from '../../apps/api/quota/quota.responses.js';
import { ReportSchema } from '../../apps/api/reports/report.responses.js';
import { ReviewHistoryAnswerSchema, ReviewPageSchema, ReviewSchema } from '../../apps/api/reviews/review.responses.js';
import { TaskCountSchema, TaskPageSchema } from '../../apps/api/tasks/task.responses.js';
import type { ApiResponse } from '../support/api-client.js';
import { cycleBody } from '../support/cycle-body.js';
import { threeLevelOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { completeReview, eventually, waitRunning } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

/**
 * The answers of a real cycle, read with the zod schemas the OpenAPI document states them by:
 * each must parse, and parsing must give it back unchanged (no field the document does not name).
 * Schemathesis checks what random requests get; this checks what a cycle's people get.
 */
function conforms<S extends z.ZodType>(schema: S, res: ApiResponse, status = 200): z.infer<S> {
  assert.equal(res.status, status, JSON.stringify(res.body));
  const parsed = schema.safeParse(res.body);
  assert.ok(parsed.success, `${JSON.stringify(res.body).slice(0, 300)}: ${parsed.error?.message}`);
  assert.deepEqual(parsed.data, res.body, 'an answer field the schema does not state');
  return parsed.data;
}

describe('every JSON answer of a real cycle is what the OpenAPI document states', () => {
  let app: TestApp;
  let people: Participants;
  const org = threeLevelOrg(uniquePrefix('e2e-answers'));
  let cycleId: string;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
  });
  after(() => app?.stop());

  it('answers the registry, sign-in and the probes as stated', async () => {
    conforms(ImportResultSchema, await app.admin.post('/org/import', org.payload));
    conforms(TokenSchema, await app.http.post('/auth/token', { username: org.id('g-mem1'), password: TEST_PASSWORD }));
    conforms(SessionSchema, await app.http.post('/auth/session', { username: org.id('g-mem1'), password: TEST_PASSWORD }));
    conforms(UnitListPageSchema, await app.admin.get(`/org/units?parentId=${org.id('P')}`));
    conforms(PersonListPageSchema, await app.admin.get(`/org/people?q=${org.id('g-mem')}`));
    conforms(UnitSchema, await app.admin.get(`/org/units/${org.id('G')}`));
    conforms(UnitPersonPageSchema, await app.admin.get(`/org/units/${org.id('G')}/people`));
    conforms(UnitPersonPageSchema, await (await people.as(org.id('g-mem1'))).get(`/org/units/${org.id('G')}/people`));
    conforms(MeSchema, await (await people.as(org.id('g-sec'))).get('/me'));
    conforms(LivenessSchema, await app.http.get('/health'));
    conforms(ReadinessSchema, await app.http.get('/ready'));
  });

  it('answers a cycle, its reviews, their steps and histories as stated', async () => {
    cycleId = conforms(LaunchedCycleSchema, await app.admin.post('/cycles', cycleBody(org.rootId)), 201).id;
    await waitRunning(app.admin, cycleId);
    conforms(CycleSchema, await app.admin.get(`/cycles/${cycleId}`));
    conforms(CyclePageSchema, await app.admin.get('/cycles?limit=5'));
    const reviews = conforms(ReviewPageSchema, await app.admin.get(`/cycles/${cycleId}/reviews?unitId=${org.id('G')}`)).items;
    const member = reviews.find((r) => r.subject.id === org.id('g-mem1'))!;
    const review = conforms(ReviewSchema, await app.admin.get(`/reviews/${member.id}`));
    await completeReview(people, review, 'not_completed'); // through every step, the remediation plan too
    const done = conforms(ReviewSchema, await app.admin.get(`/reviews/${member.id}`));
    assert.equal(done.status, 'done');
    conforms(ReviewHistoryAnswerSchema, await app.admin.get(`/reviews/${member.id}/history`));
    conforms(ReviewHistoryAnswerSchema, await app.admin.get(`/reviews/${member.id}/history?format=temporal`));
    const reviewer = await people.as(review.reviewerId);
    const tasks = await eventually(async () => {
      const page = conforms(TaskPageSchema, await reviewer.get('/tasks?status=done'));
      assert.ok(page.items.length > 0);
      return page;
    });
    assert.ok(tasks.items.every((t) => t.status === 'done'));
    conforms(TaskPageSchema, await (await people.as(org.id('g-mem2'))).get('/tasks'));
    conforms(TaskCountSchema, await reviewer.get('/tasks/count'));
  });

  it('answers the dashboard, the report, the quota and the audit trail as stated', async () => {
    conforms(CompletionSchema, await app.admin.get(`/cycles/${cycleId}/completion`));
    conforms(OverduePageSchema, await app.admin.get(`/cycles/${cycleId}/overdue`));
    conforms(ReportSchema, await app.admin.get(`/cycles/${cycleId}/units/${org.id('G')}/report`));
    conforms(QuotaSchema, await app.admin.get(`/cycles/${cycleId}/units/${org.id('G')}/quota`));
    conforms(AuditPageSchema, await app.admin.get(`/audit?cycleId=${cycleId}`));
    conforms(ChainVerdictSchema, await app.admin.get('/audit/verify'));
  });

  it('answers a bulk request with its operation, and once done with the cycle, as stated', async () => {
    const started = conforms(
      OperationSchema,
      await app.admin.post(`/cycles/${cycleId}/calendar`, { reviewDueAt: new Date(Date.now() + 321 * 86_400_000).toISOString() }, { headers: { prefer: 'respond-async' } }),
      202,
    );
    conforms(OperationSchema, await app.admin.get(`/operations/${started.id}`));
    const cancelled = conforms(CycleSchema, await app.admin.post(`/cycles/${cycleId}/cancel`, { reason: 'Answers checked' }));
    assert.equal(cancelled.status, 'cancelled');
  });
});
