import { cycleBody } from '../support/cycle-body.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { threeLevelOrg } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { allReviews, eventually, waitRunning, type ReviewSummary } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

interface Task {
  id: string;
  kind: string;
  cycleId: string;
  reviewId: string | null;
  unitId: string | null;
  subject: { type: string; id: string } | null;
  dueAt: string | null;
  createdAt: string;
}

describe('GET /tasks: the caller’s inbox', () => {
  let app: TestApp;
  let people: Participants;
  const org = threeLevelOrg(uniquePrefix('e2e-task'));
  let cycleId: string;
  let reviews: ReviewSummary[];
  const inbox = async (personLocalId: string, query = ''): Promise<Task[]> => ok(await (await people.as(org.id(personLocalId))).get(`/tasks${query}`)).items;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    ok(await app.admin.post('/org/import', org.payload));
    cycleId = ok(await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2026 })), 201).id;
    await waitRunning(app.admin, cycleId);
    reviews = await allReviews(app.admin, cycleId);
  });
  after(() => app?.stop());

  it('lists the open tasks of the caller with the fields of the contract', async () => {
    const reviewsByGSec = reviews.filter((r) => r.reviewerId === org.id('g-sec'));
    await eventually(async () => assert.equal((await inbox('g-sec')).length, reviewsByGSec.length));
    const tasks = await inbox('g-sec', '?status=open');
    for (const task of tasks) {
      assert.equal(task.kind, 'assign_targets');
      assert.equal(task.cycleId, cycleId);
      assert.ok(reviewsByGSec.some((r) => r.id === task.reviewId));
      assert.ok(task.subject && typeof task.subject.id === 'string');
      assert.equal(typeof task.dueAt, 'string');
      assert.ok(!Number.isNaN(Date.parse(task.createdAt)));
      assert.ok('unitId' in task);
    }
    assert.deepEqual(await inbox('g-mem1'), []); // nothing to do before the targets
    assert.deepEqual(await inbox('g-sec', `?cycleId=${org.prefix}-other`), []);
  });

  it('moves a task to done when it is acted on, and gives the next one to whoever must act', async () => {
    const review = reviews.find((r) => r.subject.id === org.id('g-mem1'))!;
    ok(await (await people.as(org.id('g-sec'))).post(`/reviews/${review.id}/targets`, { targets: [{ title: 'Year plan' }] }));
    await eventually(async () => {
      const done = await inbox('g-sec', '?status=done');
      assert.deepEqual(done.map((t) => [t.kind, t.reviewId]), [['assign_targets', review.id]]);
      assert.ok(!(await inbox('g-sec', '?status=open')).some((t) => t.reviewId === review.id));
      assert.deepEqual((await inbox('g-mem1')).map((t) => [t.kind, t.reviewId]), [['self_assess', review.id]]);
    });
  });

  it('GET /tasks/count counts the open tasks and follows an action', async () => {
    const count = async (personLocalId: string) => ok(await (await people.as(org.id(personLocalId))).get('/tasks/count'));
    const review = reviews.find((r) => r.subject.id === org.id('g-mem2'))!;
    const before = await count('g-sec');
    assert.deepEqual(before, { open: (await inbox('g-sec', '?limit=500')).length, overdue: 0 }); // due months from now
    assert.ok(before.open >= 1);
    assert.deepEqual(await count('g-mem2'), { open: 0, overdue: 0 });
    ok(await (await people.as(org.id('g-sec'))).post(`/reviews/${review.id}/targets`, { targets: [{ title: 'Year plan' }] }));
    await eventually(async () => {
      assert.deepEqual(await count('g-sec'), { open: before.open - 1, overdue: 0 });
      assert.deepEqual(await count('g-mem2'), { open: 1, overdue: 0 });
    });
    assertProblem(await app.http.get('/tasks/count'), 401);
  });

  it('pages with limit and cursor', async () => {
    const all = await inbox('d-sec', '?limit=500');
    assert.ok(all.length >= 2, `d-sec has ${all.length} tasks`);
    const first = ok(await (await people.as(org.id('d-sec'))).get('/tasks?limit=1'));
    assert.equal(first.items.length, 1);
    assert.ok(first.nextCursor);
    const second = ok(await (await people.as(org.id('d-sec'))).get(`/tasks?limit=1&cursor=${first.nextCursor}`));
    assert.equal(second.items.length, 1);
    assert.deepEqual([first.items[0].id, second.items[0].id], all.slice(0, 2).map((t) => t.id));
  });

  it('rejects bad query parameters with 400 naming each, and answers 401 without a token', async () => {
    const client = await people.as(org.id('g-sec'));
    assertProblem(await client.get('/tasks?status=closed'), 400, ['status']);
    assertProblem(await client.get('/tasks?status=later&limit=501&cursor=zzz'), 400, ['status', 'limit', 'cursor']);
    assertProblem(await app.http.get('/tasks'), 401);
  });
});
