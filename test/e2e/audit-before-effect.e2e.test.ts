import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { cycleBody } from '../support/cycle-body.js';
import { threeLevelOrg } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { allReviews, waitRunning, type ReviewSummary } from '../support/review-driver.js';
import { refuseAuditInserts, sqlClient } from '../support/sql-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// A Workflow Update cannot be rolled back, so the audit entry is written before it: if that write
// fails, the action is refused and nothing happens; if only the completing entry fails, the
// attempt is in the trail.
describe('no effect without its audit entry', () => {
  let app: TestApp;
  let sql: pg.Client;
  let people: Participants;
  const org = threeLevelOrg(uniquePrefix('e2e-aud-first'));
  let cycleId: string;
  let reviews: ReviewSummary[];
  const reviewOf = (local: string) => reviews.find((r) => r.subject.id === org.id(local))!;
  const targets = { targets: [{ title: 'Year plan' }] };

  before(async () => {
    app = await startTestApp();
    sql = await sqlClient(app.config.database.url);
    people = new Participants(app.http);
    ok(await app.admin.post('/org/import', org.payload));
    cycleId = ok(await app.admin.post('/cycles', cycleBody(org.rootId)), 201).id;
    await waitRunning(app.admin, cycleId);
    reviews = await allReviews(app.admin, cycleId);
  });
  after(async () => {
    await sql?.end();
    await app?.stop();
  });

  it('refuses the action (503) and leaves the review untouched when its audit entry cannot be written', async () => {
    const review = reviewOf('g-mem1');
    const reviewer = await people.as(org.id('g-sec'));
    const allow = await refuseAuditInserts(sql, `${org.prefix}-all`, `NEW.actor_id = '${org.id('g-sec')}'`);
    try {
      const refused = await reviewer.post(`/reviews/${review.id}/targets`, targets);
      assertProblem(refused, 503);
      assert.match(refused.body.detail, /audit trail/i);
    } finally {
      await allow();
    }
    const after = ok(await app.admin.get(`/reviews/${review.id}`));
    assert.equal(after.step, 'target_assignment');
    assert.ok(!after.targets?.length, JSON.stringify(after.targets));
    // The same request, once the trail can be written again, takes effect.
    assert.equal(ok(await reviewer.post(`/reviews/${review.id}/targets`, targets)).step, 'self_assessment');
  });

  it('keeps the attempted entry when the action took effect but its completing entry could not be written', async () => {
    const review = reviewOf('g-mem2');
    const reviewer = await people.as(org.id('g-sec'));
    const allow = await refuseAuditInserts(sql, `${org.prefix}-done`, `NEW.actor_id = '${org.id('g-sec')}' AND NEW.outcome <> 'attempted'`);
    try {
      assert.equal(ok(await reviewer.post(`/reviews/${review.id}/targets`, targets)).step, 'self_assessment');
    } finally {
      await allow();
    }
    const attempted = ok(await app.admin.get(`/audit?cycleId=${cycleId}&outcome=attempted&limit=500`)).items;
    assert.deepEqual(
      attempted.map((e: { actorId: string; action: string; target: string; status: number | null }) => [e.actorId, e.action, e.target, e.status]),
      [[org.id('g-sec'), 'POST /reviews/:id/targets', `review:${review.id}`, null]],
    );
  });

  it('lists one entry per completed request: the attempt it completes is not listed again', async () => {
    const onReview = ok(await app.admin.get(`/audit?cycleId=${cycleId}&limit=500`)).items.filter((e: { target: string }) => e.target === `review:${reviewOf('g-mem1').id}`);
    assert.deepEqual(onReview.map((e: { outcome: string }) => e.outcome), ['ok']);
  });
});
