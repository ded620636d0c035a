import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { REVIEW_LIMITS } from '../../libs/domain/review/review-commands.js';
import { maxReviewTextBytes, TEXT_LIMITS } from '../../libs/domain/review/text-limits.js';
import { cycleBody } from '../support/cycle-body.js';
import { buildOrg } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { waitRunning } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// Every review action answers with the whole review, which travels as one Temporal payload
// (2 MB at most). Free text and lists are bounded so that even the largest review fits: one
// character over a limit is a 400 naming the field, the OpenAPI document states each limit, and a
// review filled to every limit with the costliest character still answers.
const TEMPORAL_PAYLOAD_LIMIT = 2 * 1024 * 1024;
const COSTLY = '\u0001'; // escaped as \u0001 in JSON: 6 bytes for one character

describe('free text in review actions is bounded so a review always fits a Temporal payload', () => {
  let app: TestApp;
  let people: Participants;
  const org = buildOrg(uniquePrefix('e2e-limits'), { id: 'L', kind: 'grassroots', people: [['l-sec', 'secretary'], ['l-mem', 'member']] });
  let reviewId: string;
  const as = (local: string) => people.as(org.id(local));
  const fill = (length: number) => `x${COSTLY.repeat(length - 2)}x`; // trimmed as it is
  const reviewPath = (action: string) => `/reviews/${reviewId}/${action}`;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    ok(await app.admin.post('/org/import', org.payload));
    const cycleId = ok(await app.admin.post('/cycles', cycleBody(org.rootId)), 201).id;
    await waitRunning(app.admin, cycleId);
    reviewId = ok(await app.admin.get(`/cycles/${cycleId}/reviews`)).items[0].id;
  });
  after(() => app?.stop());

  it('the largest review the limits allow stays well under the payload limit', () => {
    assert.ok(maxReviewTextBytes() < 0.8 * TEMPORAL_PAYLOAD_LIMIT, `${maxReviewTextBytes()} bytes of text at most`);
  });

  it('refuses text one character over its limit with a 400 naming the field', async () => {
    const reviewer = await as('l-sec');
    assertProblem(await reviewer.post(reviewPath('targets'), { targets: [{ title: fill(TEXT_LIMITS.targetTitle + 1), weight: 100 }] }), 400, ['targets[0].title']);
    assertProblem(await reviewer.post(reviewPath('targets'), { targets: [{ title: 'Plan', description: fill(TEXT_LIMITS.targetDescription + 1), weight: 100 }] }), 400, ['targets[0].description']);
    assertProblem(await reviewer.post(reviewPath('review'), { decision: 'return', comment: fill(TEXT_LIMITS.reviewComment + 1) }), 400, ['comment']);
    const tooMany = Array.from({ length: TEXT_LIMITS.shortcomingsMax + 1 }, () => 'Late');
    assertProblem(await reviewer.post(reviewPath('review'), { decision: 'approve', classification: 'good', comment: 'Fine', shortcomings: tooMany }), 400, ['shortcomings']);
    const member = await as('l-mem');
    const results = [{ targetIndex: 0, achievement: 90, comment: fill(TEXT_LIMITS.resultComment + 1) }];
    assertProblem(await member.post(reviewPath('self-assessment'), { results, proposedClassification: 'good', summary: 'Done' }), 400, ['results[0].comment']);
    assertProblem(await member.post(reviewPath('self-assessment'), { results: [{ targetIndex: 0, achievement: 90 }], proposedClassification: 'good', summary: fill(TEXT_LIMITS.selfAssessmentSummary + 1) }), 400, ['summary']);
  });

  it('states the limits in the OpenAPI document', async () => {
    const document = (await app.http.get('/docs-json')).body;
    const body = (path: string) => document.paths[`/api/v1${path}`].post.requestBody.content['application/json'].schema;
    const target = body('/reviews/{id}/targets').properties.targets;
    assert.equal(target.maxItems, REVIEW_LIMITS.targetsMax);
    assert.equal(target.items.properties.title.maxLength, TEXT_LIMITS.targetTitle);
    assert.equal(target.items.properties.description.maxLength, TEXT_LIMITS.targetDescription);
    const assessment = body('/reviews/{id}/self-assessment').properties;
    assert.equal(assessment.summary.maxLength, TEXT_LIMITS.selfAssessmentSummary);
    assert.equal(assessment.results.items.properties.comment.maxLength, TEXT_LIMITS.resultComment);
    const decision = body('/reviews/{id}/review').properties;
    assert.equal(decision.comment.maxLength, TEXT_LIMITS.reviewComment);
    assert.equal(decision.shortcomings.maxItems, TEXT_LIMITS.shortcomingsMax);
    assert.equal(decision.shortcomings.items.maxLength, TEXT_LIMITS.shortcoming);
  });

  it('answers every step of a review filled to every limit', async () => {
    const reviewer = await as('l-sec');
    const targets = Array.from({ length: REVIEW_LIMITS.targetsMax }, () => ({ title: fill(TEXT_LIMITS.targetTitle), description: fill(TEXT_LIMITS.targetDescription), weight: 100 / REVIEW_LIMITS.targetsMax }));
    ok(await reviewer.post(reviewPath('targets'), { targets }));
    const results = targets.map((_, targetIndex) => ({ targetIndex, achievement: 95, comment: fill(TEXT_LIMITS.resultComment) }));
    const member = await as('l-mem');
    const assessed = await member.post(reviewPath('self-assessment'), { results, generalScore: 25, proposedClassification: 'good', summary: fill(TEXT_LIMITS.selfAssessmentSummary) });
    assert.equal(assessed.status, 200, JSON.stringify(assessed.body).slice(0, 500));
    const shortcomings = Array.from({ length: TEXT_LIMITS.shortcomingsMax }, () => fill(TEXT_LIMITS.shortcoming));
    const decided = await reviewer.post(reviewPath('review'), { decision: 'approve', classification: 'good', comment: fill(TEXT_LIMITS.reviewComment), shortcomings });
    assert.equal(decided.status, 200, JSON.stringify(decided.body).slice(0, 500));
    assert.ok(Buffer.byteLength(JSON.stringify(decided.body)) < TEMPORAL_PAYLOAD_LIMIT);
  });
});
