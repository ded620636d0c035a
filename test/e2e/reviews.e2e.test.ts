import { cycleBody } from '../support/cycle-body.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newKey } from '../support/api-client.js';
import { threeLevelOrg } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { waitRunning, type ReviewSummary } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

describe('reviews: list, get and the five actions', () => {
  let app: TestApp;
  let people: Participants;
  const org = threeLevelOrg(uniquePrefix('e2e-rev'));
  const other = threeLevelOrg(uniquePrefix('e2e-rev-other'));
  let cycleId: string;
  let reviews: ReviewSummary[];

  const reviewOf = (subjectId: string) => {
    const found = reviews.find((r) => r.subject.id === subjectId);
    assert.ok(found, `no review of ${subjectId}`);
    return found;
  };
  const eventTypes = async (reviewId: string) => ok(await app.admin.get(`/reviews/${reviewId}/history`)).events.map((e: { type: string }) => e.type);
  const as = (personLocalId: string) => people.as(org.id(personLocalId));
  const selfAssessment = { results: [{ targetIndex: 0, achievement: 90 }, { targetIndex: 1, achievement: 80 }], generalScore: 26, proposedClassification: 'good', summary: 'Done as planned' };

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    ok(await app.admin.post('/org/import', org.payload));
    ok(await app.admin.post('/org/import', other.payload));
    cycleId = ok(await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2026 })), 201).id;
    await waitRunning(app.admin, cycleId);
    const list = ok(await app.admin.get(`/cycles/${cycleId}/reviews?limit=500`));
    reviews = await Promise.all(list.items.map(async (item: { id: string }) => ok(await app.admin.get(`/reviews/${item.id}`))));
  });
  after(() => app?.stop());

  describe('GET /cycles/:id/reviews', () => {
    it('lists every review of the cycle with the fields of the contract', async () => {
      const page = ok(await app.admin.get(`/cycles/${cycleId}/reviews`));
      assert.equal(page.items.length, 9);
      assert.equal(page.nextCursor, null);
      for (const item of page.items) {
        for (const field of ['id', 'subject', 'unitId', 'step', 'reviewerId', 'classification', 'dueAt']) assert.ok(field in item, `${field} missing`);
        assert.deepEqual(Object.keys(item.subject).sort(), ['id', 'name', 'type']);
      }
      const g = reviewOf(org.id('g-mem1'));
      assert.equal(g.reviewerId, org.id('g-sec'));
      assert.equal(reviewOf(org.id('g-sec')).reviewerId, org.id('d-sec'));
      assert.equal(reviewOf(org.id('G')).reviewerId, org.id('d-sec'));
      assert.equal(reviewOf(org.id('G')).selfActorId, org.id('g-sec'));
    });

    it('filters by unitId, step and subjectType', async () => {
      const inG = ok(await app.admin.get(`/cycles/${cycleId}/reviews?unitId=${org.id('G')}`)).items;
      assert.ok(inG.length >= 3);
      assert.ok(inG.every((r: { unitId: string }) => r.unitId === org.id('G')));
      const units = ok(await app.admin.get(`/cycles/${cycleId}/reviews?subjectType=unit`)).items;
      assert.deepEqual(units.map((r: { subject: { id: string } }) => r.subject.id).sort(), [org.id('D'), org.id('G')]);
      const persons = ok(await app.admin.get(`/cycles/${cycleId}/reviews?subjectType=person&limit=500`)).items;
      assert.equal(persons.length, 7);
      const done = ok(await app.admin.get(`/cycles/${cycleId}/reviews?step=done`)).items;
      assert.deepEqual(done.filter((r: { step: string }) => r.step !== 'done'), []);
      const combined = ok(await app.admin.get(`/cycles/${cycleId}/reviews?unitId=${org.id('G')}&subjectType=unit`)).items;
      assert.ok(combined.every((r: { unitId: string; subject: { type: string } }) => r.unitId === org.id('G') && r.subject.type === 'unit'));
    });

    it('pages with limit and cursor, and refuses limit > 500 and bad filters with 400', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { items: Array<{ id: string }>; nextCursor: string | null } = ok(await app.admin.get(`/cycles/${cycleId}/reviews?limit=4${cursor ? `&cursor=${cursor}` : ''}`));
        assert.ok(page.items.length <= 4);
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      assert.equal(pages, 3);
      assert.deepEqual([...new Set(seen)].sort(), reviews.map((r) => r.id).sort());
      assertProblem(await app.admin.get(`/cycles/${cycleId}/reviews?limit=501`), 400, ['limit']);
      assertProblem(await app.admin.get(`/cycles/${cycleId}/reviews?limit=-1&step=drafting&subjectType=team&cursor=nope`), 400, ['limit', 'step', 'subjectType', 'cursor']);
    });

    it('shows anyone else only the reviews they are the subject, the reviewer or the unit head of', async () => {
      const member = ok(await (await as('g-mem1')).get(`/cycles/${cycleId}/reviews`)).items.map((r: { subject: { id: string } }) => r.subject.id);
      assert.deepEqual(member, [org.id('g-mem1')]);
      const head = ok(await (await as('g-sec')).get(`/cycles/${cycleId}/reviews?limit=500`)).items.map((r: { subject: { id: string } }) => r.subject.id);
      for (const id of ['g-mem1', 'g-mem2', 'g-sec', 'G']) assert.ok(head.includes(org.id(id)), `${id} not visible to its head`);
      assert.ok(!head.includes(org.id('d-mem')));
    });

    it('lists the reviews of one subject with subjectId, `me` being the caller, within what the caller may see', async () => {
      const subjects = (items: Array<{ subject: { id: string } }>) => items.map((r) => r.subject.id);
      const head = await as('g-sec');
      assert.deepEqual(subjects(ok(await head.get(`/cycles/${cycleId}/reviews?subjectId=me`)).items), [org.id('g-sec')]);
      assert.deepEqual(subjects(ok(await head.get(`/cycles/${cycleId}/reviews?subjectId=${org.id('g-mem2')}`)).items), [org.id('g-mem2')]);
      assert.deepEqual(ok(await (await as('g-mem1')).get(`/cycles/${cycleId}/reviews?subjectId=${org.id('g-mem2')}`)).items, []);
      assert.deepEqual(subjects(ok(await app.admin.get(`/cycles/${cycleId}/reviews?subjectId=${org.id('G')}`)).items), [org.id('G')]);
      assertProblem(await app.admin.get(`/cycles/${cycleId}/reviews?subjectId=`), 400, ['subjectId']);
    });

    it('answers 404 for an unknown cycle and for a cycle outside the caller’s scope', async () => {
      assertProblem(await app.admin.get(`/cycles/${org.prefix}-no-cycle/reviews`), 404);
      assertProblem(await (await people.as(other.id('p-sec'))).get(`/cycles/${cycleId}/reviews`), 404);
    });
  });

  describe('GET /reviews/:id', () => {
    it('returns the review with the fields of the contract', async () => {
      const review = ok(await app.admin.get(`/reviews/${reviewOf(org.id('d-mem')).id}`));
      for (const field of ['id', 'cycleId', 'subject', 'unitId', 'reviewerId', 'step', 'targets', 'selfAssessment', 'review', 'remediationPlan', 'classification', 'workflowId']) {
        assert.ok(field in review, `${field} missing`);
      }
      assert.equal(review.cycleId, cycleId);
      assert.equal(review.step, 'target_assignment');
      assert.deepEqual(review.subject, { type: 'person', id: org.id('d-mem'), name: 'Person d-mem' });
      ok(await (await as('d-mem')).get(`/reviews/${review.id}`)); // the subject
      ok(await (await as('d-sec')).get(`/reviews/${review.id}`)); // the reviewer
    });

    it('answers 404 for an unknown review and for a review the caller may not see', async () => {
      assertProblem(await app.admin.get(`/reviews/${org.prefix}-nothing`), 404);
      assertProblem(await (await as('g-mem2')).get(`/reviews/${reviewOf(org.id('g-mem1')).id}`), 404);
      assertProblem(await (await people.as(other.id('p-sec'))).get(`/reviews/${reviewOf(org.id('g-mem1')).id}`), 404);
      assertProblem(await (await people.as(other.id('p-sec'))).post(`/reviews/${reviewOf(org.id('g-mem1')).id}/targets`, { targets: [{ title: 'X' }] }), 404);
      const unknown = `/reviews/${org.prefix}-nothing`;
      assertProblem(await app.admin.post(`${unknown}/targets`, { targets: [{ title: 'X' }] }), 404);
      assertProblem(await app.admin.post(`${unknown}/self-assessment`, selfAssessment), 404);
      assertProblem(await app.admin.post(`${unknown}/review`, { decision: 'return', comment: 'x' }), 404);
      assertProblem(await app.admin.post(`${unknown}/remediation-plan`, { items: [{ action: 'x', dueDate: '2027-01-01' }] }), 404);
      assertProblem(await app.admin.post(`${unknown}/remediation-decision`, { decision: 'approve' }), 404);
    });

    it('replays a refusal under the same Idempotency-Key as it was first answered', async () => {
      const id = reviewOf(org.id('d-mem')).id;
      const subject = await as('d-mem');
      const key = newKey();
      const refused = await subject.post(`/reviews/${id}/targets`, { targets: [{ title: 'Mine' }] }, { idempotencyKey: key });
      assertProblem(refused, 403);
      const replayed = await subject.post(`/reviews/${id}/targets`, { targets: [{ title: 'Mine' }] }, { idempotencyKey: key });
      assertProblem(replayed, 403);
      assert.equal(replayed.body.detail, refused.body.detail);
      assert.equal(replayed.body.requestId, refused.body.requestId);
    });
  });

  describe('POST /reviews/:id/targets', () => {
    it('rejects invalid targets with 400 naming every field', async () => {
      const reviewer = await as('g-sec');
      const id = reviewOf(org.id('g-mem1')).id;
      assertProblem(await reviewer.post(`/reviews/${id}/targets`, { targets: [] }), 400, ['targets']);
      assertProblem(await reviewer.post(`/reviews/${id}/targets`, {}), 400, ['targets']);
      assertProblem(
        await reviewer.post(`/reviews/${id}/targets`, { targets: [{ title: 'A', weight: 50 }, { title: '' }, { title: 'C', weight: 12.5 }, { title: 'D', weight: 'ten', colour: 'red' }] }),
        400,
        ['targets[1].title', 'targets[2].weight', 'targets[3].weight', 'targets[3].colour'],
      );
      const tooMany = Array.from({ length: 51 }, (_, i) => ({ title: `T${i}` }));
      assertProblem(await reviewer.post(`/reviews/${id}/targets`, { targets: tooMany }), 400, ['targets']);
      assertProblem(await reviewer.post(`/reviews/${id}/targets`, { targets: [{ title: 'A', weight: 50 }, { title: 'B', weight: 40 }] }), 400, ['targets']);
      assertProblem(await reviewer.post(`/reviews/${id}/targets`, { targets: [{ title: 'A', weight: 50 }, { title: 'B' }] }), 400, ['targets[1].weight']);
      assertProblem(await reviewer.post(`/reviews/${id}/targets`, undefined, { rawBody: '{"targets": [}' }), 400);
      assert.equal(ok(await app.admin.get(`/reviews/${id}`)).step, 'target_assignment');
    });

    it('refuses anyone but the reviewer (403) and keeps the review unchanged', async () => {
      const id = reviewOf(org.id('g-mem1')).id;
      assertProblem(await (await as('g-mem1')).post(`/reviews/${id}/targets`, { targets: [{ title: 'Mine' }] }), 403);
      assertProblem(await app.admin.post(`/reviews/${id}/targets`, { targets: [{ title: 'Admin' }] }), 403);
      assert.deepEqual(await eventTypes(id), ['review.launched']);
    });

    it('assigns targets once: a replay with the same key answers the same, another body is 422, a second assignment 409', async () => {
      const reviewer = await as('g-sec');
      const id = reviewOf(org.id('g-mem1')).id;
      const key = newKey();
      const body = { targets: [{ title: 'Year plan', weight: 60, description: 'The plan' }, { title: 'Training', weight: 40 }] };
      const answered = await reviewer.post(`/reviews/${id}/targets`, body, { idempotencyKey: key });
      // Where the action's time went, phase by phase, for developer tools and the action benchmark.
      const phases = (answered.headers?.get('server-timing') ?? '').split(', ').map((p) => p.split(';dur=')[0]);
      assert.deepEqual(phases, ['auth', 'audit', 'idempotency', 'review-read', 'workflow-update', 'review-answer', 'idempotency-outcome', 'audit-outcome', 'total']);
      const first = ok(answered);
      assert.equal(first.id, id);
      assert.equal(first.step, 'self_assessment');
      assert.deepEqual(first.targets.map((t: { title: string; weight: number }) => [t.title, t.weight]), [['Year plan', 60], ['Training', 40]]);
      assert.deepEqual(first, ok(await app.admin.get(`/reviews/${id}`)));
      const replay = ok(await reviewer.post(`/reviews/${id}/targets`, body, { idempotencyKey: key }));
      assert.deepEqual(replay, first);
      assertProblem(await reviewer.post(`/reviews/${id}/targets`, { targets: [{ title: 'Other' }] }, { idempotencyKey: key }), 422);
      assertProblem(await reviewer.post(`/reviews/${id}/targets`, body), 409);
      assert.deepEqual(await eventTypes(id), ['review.launched', 'targets.assigned']);
    });
  });

  describe('POST /reviews/:id/self-assessment and /review', () => {
    it('rejects an invalid self-assessment with 400 naming every field', async () => {
      const subject = await as('g-mem1');
      const id = reviewOf(org.id('g-mem1')).id;
      assertProblem(
        await subject.post(`/reviews/${id}/self-assessment`, { results: [{ targetIndex: -1, achievement: 101 }, { targetIndex: 1, achievement: 50, comment: 5 }], generalScore: 31, proposedClassification: 'great' }),
        400,
        ['results[0].targetIndex', 'results[0].achievement', 'results[1].comment', 'generalScore', 'proposedClassification', 'summary'],
      );
      // Rules that need the review: one result per target, the score required by reg-366-2025, the band.
      assertProblem(await subject.post(`/reviews/${id}/self-assessment`, { ...selfAssessment, results: [{ targetIndex: 0, achievement: 90 }, { targetIndex: 2, achievement: 90 }] }), 400, ['results[1].targetIndex', 'results']);
      assertProblem(await subject.post(`/reviews/${id}/self-assessment`, { ...selfAssessment, generalScore: undefined }), 400, ['generalScore']);
      // A proposed classification above the score's band (a score in the 70s–80s allows at most good).
      const aboveBand = await subject.post(`/reviews/${id}/self-assessment`, { ...selfAssessment, proposedClassification: 'excellent' });
      assertProblem(aboveBand, 400, ['proposedClassification']);
      assert.match(aboveBand.body.detail, /score \d+(\.\d)? allows at most good/);
    });

    it('refuses a self-assessment by the reviewer (403), and a review before the self-assessment (409)', async () => {
      const id = reviewOf(org.id('g-mem1')).id;
      assertProblem(await (await as('g-sec')).post(`/reviews/${id}/self-assessment`, selfAssessment), 403);
      assertProblem(await (await as('g-sec')).post(`/reviews/${id}/review`, { decision: 'approve', classification: 'good', comment: 'Too early' }), 409);
    });

    it('takes the self-assessment, a return, a resubmission and an approval', async () => {
      const subject = await as('g-mem1');
      const reviewer = await as('g-sec');
      const id = reviewOf(org.id('g-mem1')).id;
      const key = newKey();
      const assessed = ok(await subject.post(`/reviews/${id}/self-assessment`, selfAssessment, { idempotencyKey: key }));
      assert.equal(assessed.step, 'superior_review');
      assert.equal(assessed.score, 86.2); // 26 + 0.7 × (0.6 × 90 + 0.4 × 80)
      assert.deepEqual(ok(await subject.post(`/reviews/${id}/self-assessment`, selfAssessment, { idempotencyKey: key })), assessed);
      assertProblem(await subject.post(`/reviews/${id}/self-assessment`, selfAssessment), 409);

      assertProblem(await reviewer.post(`/reviews/${id}/review`, { decision: 'approve', comment: '' }), 400, ['comment']);
      assertProblem(await reviewer.post(`/reviews/${id}/review`, { decision: 'maybe', classification: 'best', generalScore: -1, comment: 'x', shortcomings: [''] }), 400, ['decision', 'classification', 'generalScore', 'shortcomings[0]']);
      assertProblem(await reviewer.post(`/reviews/${id}/review`, { decision: 'approve', comment: 'No classification' }), 400, ['classification']);
      assertProblem(await subject.post(`/reviews/${id}/review`, { decision: 'approve', classification: 'good', comment: 'Self-approval' }), 403);

      const returned = ok(await reviewer.post(`/reviews/${id}/review`, { decision: 'return', comment: 'Add evidence' }));
      assert.equal(returned.step, 'self_assessment');
      ok(await subject.post(`/reviews/${id}/self-assessment`, { ...selfAssessment, summary: 'With evidence' }));
      const reviewKey = newKey();
      const approve = { decision: 'approve', classification: 'good', comment: 'Agreed' };
      const approved = ok(await reviewer.post(`/reviews/${id}/review`, approve, { idempotencyKey: reviewKey }));
      assert.equal(approved.step, 'done');
      assert.equal(approved.classification, 'good');
      assert.deepEqual(ok(await reviewer.post(`/reviews/${id}/review`, approve, { idempotencyKey: reviewKey })), approved);
      assertProblem(await reviewer.post(`/reviews/${id}/review`, { ...approve, comment: 'Changed my mind' }, { idempotencyKey: reviewKey }), 422);
      assertProblem(await reviewer.post(`/reviews/${id}/review`, approve), 409);
      assertProblem(await reviewer.post(`/reviews/${id}/targets`, { targets: [{ title: 'Again' }] }), 409);
      assert.deepEqual(await eventTypes(id), ['review.launched', 'targets.assigned', 'self_assessment.submitted', 'review.returned', 'self_assessment.submitted', 'review.approved']);
    });
  });

  describe('POST /reviews/:id/remediation-plan and /remediation-decision', () => {
    it('requires a plan for a completed classification, validates it, and loops until the reviewer approves', async () => {
      const subject = await as('g-mem2');
      const reviewer = await as('g-sec');
      const id = reviewOf(org.id('g-mem2')).id;
      ok(await reviewer.post(`/reviews/${id}/targets`, { targets: [{ title: 'Year plan', weight: 60 }, { title: 'Training', weight: 40 }] }));
      ok(await subject.post(`/reviews/${id}/self-assessment`, { ...selfAssessment, proposedClassification: 'completed' }));
      assertProblem(await subject.post(`/reviews/${id}/remediation-plan`, { items: [{ action: 'Too early', dueDate: '2027-01-31' }] }), 409);
      const approved = ok(await reviewer.post(`/reviews/${id}/review`, { decision: 'approve', classification: 'completed', comment: 'Needs work', shortcomings: ['Late reports'] }));
      assert.equal(approved.step, 'remediation_plan');

      // Deciding before a plan was submitted does not fit the state: 409.
      assertProblem(await reviewer.post(`/reviews/${id}/remediation-decision`, { decision: 'approve' }), 409);
      assert.equal(ok(await app.admin.get(`/reviews/${id}`)).step, 'remediation_plan');
      assertProblem(await subject.post(`/reviews/${id}/remediation-plan`, { items: [] }), 400, ['items']);
      assertProblem(await subject.post(`/reviews/${id}/remediation-plan`, { items: [{ action: '', dueDate: 'soon' }, { action: 'Fine', dueDate: '2027-02-30x' }] }), 400, ['items[0].action', 'items[0].dueDate', 'items[1].dueDate']);
      const tooMany = Array.from({ length: 31 }, (_, i) => ({ action: `A${i}`, dueDate: '2027-06-30' }));
      assertProblem(await subject.post(`/reviews/${id}/remediation-plan`, { items: tooMany }), 400, ['items']);
      assertProblem(await reviewer.post(`/reviews/${id}/remediation-plan`, { items: [{ action: 'Not mine', dueDate: '2027-06-30' }] }), 403);

      const key = newKey();
      const plan = { items: [{ action: 'File the reports monthly', dueDate: '2027-03-31' }] };
      const submitted = ok(await subject.post(`/reviews/${id}/remediation-plan`, plan, { idempotencyKey: key }));
      assert.equal(submitted.remediationPlan.items.length, 1);
      assert.deepEqual(ok(await subject.post(`/reviews/${id}/remediation-plan`, plan, { idempotencyKey: key })), submitted);
      assertProblem(await subject.post(`/reviews/${id}/remediation-plan`, { items: [{ action: 'Other', dueDate: '2027-03-31' }] }, { idempotencyKey: key }), 422);

      assertProblem(await reviewer.post(`/reviews/${id}/remediation-decision`, { decision: 'reject' }), 400, ['decision']);
      assertProblem(await subject.post(`/reviews/${id}/remediation-decision`, { decision: 'approve' }), 403);
      const returned = ok(await reviewer.post(`/reviews/${id}/remediation-decision`, { decision: 'return', comment: 'Too vague' }));
      assert.equal(returned.step, 'remediation_plan');
      assert.equal(returned.remediationPlan.status, 'returned');
      ok(await subject.post(`/reviews/${id}/remediation-plan`, { items: [{ action: 'File the reports by the 5th of each month', dueDate: '2027-03-31' }] }));
      const decisionKey = newKey();
      const done = ok(await reviewer.post(`/reviews/${id}/remediation-decision`, { decision: 'approve' }, { idempotencyKey: decisionKey }));
      assert.equal(done.step, 'done');
      assert.equal(done.classification, 'completed');
      assert.deepEqual(ok(await reviewer.post(`/reviews/${id}/remediation-decision`, { decision: 'approve' }, { idempotencyKey: decisionKey })), done);
      assertProblem(await reviewer.post(`/reviews/${id}/remediation-decision`, { decision: 'approve' }), 409);
      assertProblem(await subject.post(`/reviews/${id}/remediation-plan`, plan), 409);
      const types = await eventTypes(id);
      assert.deepEqual(types.slice(3), ['review.approved', 'remediation.submitted', 'remediation.returned', 'remediation.submitted', 'remediation.approved']);
    });
  });
});
