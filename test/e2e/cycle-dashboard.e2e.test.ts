import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../support/api-client.js';
import { cycleBody } from '../support/cycle-body.js';
import { threeLevelOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { allReviews, completeReview, eventually, waitRunning, type ReviewSummary } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

const DAY = 86_400_000;

interface OverdueItem {
  taskId: string;
  kind: string;
  reviewId: string | null;
  unitId: string | null;
  subject: { type: string; id: string } | null;
  assigneeId: string;
  assigneeName: string | null;
  dueAt: string;
  lateSeconds: number;
}

/**
 * threeLevelOrg: P owns p-dep, p-mem, the unit D and d-sec (4 reviews); D owns d-mem, the unit G
 * and g-sec (3); G owns g-mem1 and g-mem2 (2). Targets were due a day before the launch, so every
 * assign_targets task is overdue from the start.
 */
describe('cycle dashboard: GET /cycles/:id/completion and /overdue', () => {
  let app: TestApp;
  let people: Participants;
  const org = threeLevelOrg(uniquePrefix('e2e-dash'));
  const other = threeLevelOrg(uniquePrefix('e2e-dash-other'));
  let cycleId: string;
  let reviews: ReviewSummary[];
  let districtAuditor: ApiClient;
  const targetsDueAt = new Date(Date.now() - DAY).toISOString();
  const completion = async (client: ApiClient, query = '') => ok(await client.get(`/cycles/${cycleId}/completion${query}`));
  const overdue = async (client: ApiClient, query = ''): Promise<OverdueItem[]> => ok(await client.get(`/cycles/${cycleId}/overdue?limit=500${query}`)).items;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    ok(await app.admin.post('/org/import', org.payload));
    // The auditor of D sits in another tree, so that they are not a subject of this cycle.
    const payload = structuredClone(other.payload);
    payload.people.push({ id: org.id('aud'), name: 'District auditor', unitId: other.id('D'), position: 'member', username: org.id('aud'), password: TEST_PASSWORD, roles: [{ role: 'auditor', unitId: org.id('D') }] });
    ok(await app.admin.post('/org/import', payload));
    const calendar = { targetsDueAt, selfAssessmentOpensAt: new Date(Date.now() - 2 * DAY).toISOString(), escalateAfterSeconds: 300 * 24 * 3600 };
    cycleId = ok(await app.admin.post('/cycles', cycleBody(org.rootId, { calendar })), 201).id;
    await waitRunning(app.admin, cycleId);
    reviews = await allReviews(app.admin, cycleId);
    assert.equal(reviews.length, 9);
    districtAuditor = await people.as(org.id('aud'));
    // Wait until every task is projected.
    await eventually(async () => assert.equal((await overdue(app.admin)).length, 9));
  });
  after(() => app?.stop());

  it('counts subjects, done and overdue over whole subtrees, one level at a time', async () => {
    const active = { status: 'active', mergedInto: null, mergedIntoName: null };
    const review = reviews.find((r) => r.subject.id === org.id('g-mem1'))!;
    await completeReview(people, review, 'good');
    await eventually(async () => {
      assert.deepEqual(await completion(app.admin), {
        unitId: org.rootId,
        name: 'Unit P',
        kind: 'province',
        subjects: 9,
        done: 1,
        percent: 11.11,
        overdue: 8,
        reportStatus: 'collecting',
        children: [{ unitId: org.id('D'), name: 'Unit D', kind: 'district', subjects: 5, done: 1, percent: 20, overdue: 4, reportStatus: 'collecting', childCount: 1, ...active }],
      });
    });
    const d = await completion(app.admin, `?unitId=${org.id('D')}`);
    assert.deepEqual([d.subjects, d.done, d.percent, d.overdue], [5, 1, 20, 4]);
    assert.deepEqual(d.children, [{ unitId: org.id('G'), name: 'Unit G', kind: 'grassroots', subjects: 2, done: 1, percent: 50, overdue: 1, reportStatus: 'collecting', childCount: 0, ...active }]);
    const g = await completion(app.admin, `?unitId=${org.id('G')}`);
    assert.deepEqual([g.subjects, g.done, g.percent, g.overdue, g.children], [2, 1, 50, 1, []]);
  });

  it('leaves withdrawn reviews out of the counts', async () => {
    ok(await app.admin.post('/org/import', { people: [{ id: org.id('g-mem2'), name: 'Person g-mem2', unitId: org.id('G'), position: 'member', status: 'struck_off' }] }));
    await eventually(async () => {
      const g = await completion(app.admin, `?unitId=${org.id('G')}`);
      assert.deepEqual([g.subjects, g.done, g.percent, g.overdue], [1, 1, 100, 0]);
    });
    const p = await completion(app.admin);
    assert.deepEqual([p.subjects, p.done, p.percent, p.overdue], [8, 1, 12.5, 7]);
  });

  it('lists the overdue tasks, most late first, with assignee and lateness, paged once each', async () => {
    const all = await overdue(app.admin);
    assert.equal(all.length, 7);
    const dSec = all.filter((t) => t.assigneeId === org.id('d-sec'));
    assert.deepEqual(dSec.map((t) => t.subject?.id).sort(), [org.id('G'), org.id('d-mem'), org.id('g-sec')].sort());
    for (const task of all) {
      assert.equal(task.kind, 'assign_targets');
      assert.equal(task.dueAt, targetsDueAt);
      assert.ok(task.lateSeconds >= 86_400 && task.lateSeconds < 86_400 + 3600, String(task.lateSeconds));
      assert.equal(task.assigneeName, `Person ${task.assigneeId.slice(org.prefix.length + 1)}`);
      assert.ok(reviews.some((r) => r.id === task.reviewId));
    }
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.lateSeconds >= all[i]!.lateSeconds);
    const paged: OverdueItem[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: OverdueItem[]; nextCursor: string | null } = ok(await app.admin.get(`/cycles/${cycleId}/overdue?limit=3${cursor ? `&cursor=${cursor}` : ''}`));
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(paged.map((t) => t.taskId), all.map((t) => t.taskId));
    // A unit's overdue count is the number of rows listed for it.
    assert.equal((await overdue(app.admin, `&unitId=${org.id('D')}`)).length, (await completion(app.admin, `?unitId=${org.id('D')}`)).overdue);
    // The caller's own inbox count agrees.
    assert.deepEqual(ok(await (await people.as(org.id('d-sec'))).get('/tasks/count')), { open: 3, overdue: 3 });
  });

  it("keeps a scoped auditor to their subtree (403 outside), others out (403), and names bad parameters (400)", async () => {
    assert.equal((await completion(districtAuditor, `?unitId=${org.id('D')}`)).subjects, 4);
    assert.equal((await overdue(districtAuditor, `&unitId=${org.id('G')}`)).length, 0);
    assertProblem(await districtAuditor.get(`/cycles/${cycleId}/completion`), 403); // the root is outside D
    assertProblem(await districtAuditor.get(`/cycles/${cycleId}/overdue`), 403);
    const member = await people.as(org.id('g-mem1')); // sees the cycle as a participant, not its dashboard
    assertProblem(await member.get(`/cycles/${cycleId}/completion?unitId=${org.id('G')}`), 403);
    assertProblem(await app.admin.get(`/cycles/${cycleId}/completion?unitId=${other.id('D')}`), 400, ['unitId']);
    assertProblem(await app.admin.get(`/cycles/${cycleId}/overdue?unitId=${org.prefix}-nowhere&limit=0`), 400, ['limit']);
    assertProblem(await app.admin.get(`/cycles/${cycleId}/overdue?unitId=${org.prefix}-nowhere`), 400, ['unitId']);
    const foreignCursor = Buffer.from(JSON.stringify(['abc'])).toString('base64url'); // an id-only cursor of another list
    assertProblem(await app.admin.get(`/cycles/${cycleId}/overdue?cursor=${foreignCursor}`), 400, ['cursor']);
    assertProblem(await app.admin.get(`/cycles/${org.prefix}-nope/completion`), 404);
    assertProblem(await app.admin.get(`/cycles/${org.prefix}-nope/overdue`), 404);
  });
});
