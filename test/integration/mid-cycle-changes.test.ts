import { cycleBody } from '../support/cycle-body.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { unitProgressQuery } from '../../libs/temporal/definitions.js';
import { registryChangesWorkflowId, unitWorkflowId } from '../../libs/temporal/workflow-ids.js';
import { newKey } from '../support/api-client.js';
import { buildOrg, TEST_PASSWORD, type OrgFixture } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { allReviews, completeReview, eventually, reviewHistory, waitRunning, type ReviewSummary } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

interface HistoryEvent {
  seq: number;
  actorId: string;
  type: string;
  data: Record<string, any>;
}

/**
 * Re-importing the registry while a cycle runs, through `POST /org/import` as an administrator
 * would: transfers, strikes-off, new members and new heads reach the open reviews.
 *
 * P (p-sec, p-mem) → D1 (d1-sec, d1-mem1, d1-mem2, d1-mem3) and D2 (d2-sec, d2-mem). One cycle;
 * the tests run in order, each one import, as the registry changes over a year.
 */
describe('registry changes while a cycle runs', () => {
  let app: TestApp;
  let org: OrgFixture;
  let people: Participants;
  let cycleId: string;
  let adminId: string;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    adminId = app.config.auth.adminUsername;
    org = buildOrg(uniquePrefix('mid'), {
      id: 'P',
      kind: 'province',
      people: [
        ['p-sec', 'secretary'],
        ['p-mem', 'member'],
      ],
      children: [
        {
          id: 'D1',
          kind: 'district',
          people: [
            ['d1-sec', 'secretary'],
            ['d1-mem1', 'member'],
            ['d1-mem2', 'member'],
            ['d1-mem3', 'member'],
          ],
        },
        {
          id: 'D2',
          kind: 'district',
          people: [
            ['d2-sec', 'secretary'],
            ['d2-mem', 'member'],
          ],
        },
      ],
    });
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);
    const created = await app.admin.post('/cycles', cycleBody(org.rootId));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    cycleId = created.body.id;
    await waitRunning(app.admin, cycleId);
  });

  after(() => app?.stop());

  const person = (local: string, unit: string, position: 'secretary' | 'deputy_secretary' | 'member', extra: Record<string, unknown> = {}) => ({
    id: org.id(local),
    name: `Person ${local}`,
    unitId: org.id(unit),
    position,
    ...extra,
  });
  const importPeople = async (list: unknown[], idempotencyKey?: string) => {
    const res = await app.admin.post('/org/import', { people: list }, idempotencyKey ? { idempotencyKey } : {});
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res;
  };
  const reviewOf = async (subjectType: 'person' | 'unit', local: string): Promise<ReviewSummary & Record<string, any>> => {
    const found = (await allReviews(app.admin, cycleId)).find((r) => r.subject.type === subjectType && r.subject.id === org.id(local));
    assert.ok(found, `no review for ${subjectType} ${local}`);
    return found as ReviewSummary & Record<string, any>;
  };
  const history = (reviewId: string) => reviewHistory(app.admin, reviewId);
  const unitProgress = (unit: string) => app.product.temporal.workflow.getHandle(unitWorkflowId(cycleId, org.id(unit))).query(unitProgressQuery);
  const openTasks = async (local: string) => {
    const client = await people.as(org.id(local));
    const res = await client.get('/tasks?status=open');
    assert.equal(res.status, 200);
    return res.body.items as Array<{ kind: string; reviewId?: string; unitId?: string }>;
  };

  it('refuses an unknown person status, naming the field', async () => {
    const res = await app.admin.post('/org/import', { people: [person('d1-mem3', 'D1', 'member', { status: 'retired' })] });
    assert.equal(res.status, 400);
    assert.ok(res.body.errors.some((e: { path: string }) => e.path === 'people[0].status'), JSON.stringify(res.body));
  });

  it("moves a transferred person's review to the new unit's head for the steps not done yet", async () => {
    const review = await reviewOf('person', 'd1-mem1');
    const oldHead = await people.as(org.id('d1-sec'));
    assert.equal((await oldHead.post(`/reviews/${review.id}/targets`, { targets: [{ title: 'Recruit members', weight: 100 }] })).status, 200);

    await importPeople([person('d1-mem1', 'D2', 'member')]);

    const moved = await eventually(async () => {
      const r = await app.admin.get(`/reviews/${review.id}`);
      assert.equal(r.body.reviewerId, org.id('d2-sec'));
      return r.body;
    });
    assert.equal(moved.unitId, org.id('D2'));
    assert.equal(moved.step, 'self_assessment', 'the review keeps its progress');
    assert.equal(moved.targets.length, 1);

    const events = await history(review.id);
    assert.equal(events.find((e) => e.type === 'targets.assigned')?.actorId, org.id('d1-sec'), 'steps done keep who did them');
    const reassigned = events.find((e) => e.type === 'review.reassigned');
    assert.ok(reassigned, JSON.stringify(events));
    assert.equal(reassigned.actorId, adminId);
    assert.equal(reassigned.data.reason, 'transferred');
    assert.equal(reassigned.data.from.reviewerId, org.id('d1-sec'));
    assert.equal(reassigned.data.to.reviewerId, org.id('d2-sec'));

    // The new unit now waits for the review, the old one no longer does.
    await eventually(async () => {
      assert.equal((await unitProgress('D2')).pendingReviews, 2);
      assert.equal((await unitProgress('D1')).pendingReviews, 2);
    });

    const subject = await people.as(org.id('d1-mem1'));
    const assessed = await subject.post(`/reviews/${review.id}/self-assessment`, {
      results: [{ targetIndex: 0, achievement: 90 }],
      generalScore: 26,
      proposedClassification: 'good',
      summary: 'Done',
    });
    assert.equal(assessed.status, 200, JSON.stringify(assessed.body));
    const decision = { decision: 'approve', classification: 'good', comment: 'Agreed' };
    assert.equal((await oldHead.post(`/reviews/${review.id}/review`, decision)).status, 404, 'the old head no longer sees the review');
    const newHead = await people.as(org.id('d2-sec'));
    const approved = await newHead.post(`/reviews/${review.id}/review`, decision);
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.step, 'done');
    await eventually(async () => assert.equal((await unitProgress('D2')).pendingReviews, 1));
  });

  it("ends a struck-off person's review as withdrawn, once, with the history kept", async () => {
    const review = await reviewOf('person', 'd1-mem2');
    const key = newKey();
    const first = await importPeople([person('d1-mem2', 'D1', 'member', { status: 'struck_off' })], key);

    const withdrawn = await eventually(async () => {
      const r = await app.admin.get(`/reviews/${review.id}`);
      assert.equal(r.body.status, 'withdrawn');
      return r.body;
    });
    assert.equal(withdrawn.step, 'target_assignment');
    const replay = await app.admin.post('/org/import', { people: [person('d1-mem2', 'D1', 'member', { status: 'struck_off' })] }, { idempotencyKey: key });
    assert.deepEqual(replay.body, first.body);

    const events = await history(review.id);
    assert.deepEqual(events.map((e) => e.type), ['review.launched', 'review.withdrawn']);
    assert.equal(events[1]!.actorId, adminId);
    assert.equal(events[1]!.data.reason, 'struck_off');
    assert.ok(!(await openTasks('d1-sec')).some((t) => t.reviewId === review.id), 'its task left the reviewer’s inbox');

    await eventually(async () => assert.equal((await unitProgress('D1')).pendingReviews, 1), { timeoutMs: 20_000 });
    const unit = await app.admin.get(`/org/units/${org.id('D1')}`);
    assert.equal(unit.body.memberCount, 2, 'a struck-off person is no longer a member');
    const listed = await app.admin.get(`/org/units/${org.id('D1')}/people`);
    assert.equal(listed.body.items.find((p: { id: string }) => p.id === org.id('d1-mem2')).status, 'struck_off');
  });

  it('gives a new member a review that joins at target assignment, which the unit waits for', async () => {
    await importPeople([person('d1-new', 'D1', 'member', { username: org.id('d1-new'), password: TEST_PASSWORD })]);

    const review = await eventually(() => reviewOf('person', 'd1-new'));
    assert.equal(review.step, 'target_assignment');
    assert.equal(review.reviewerId, org.id('d1-sec'));
    const events = await history(review.id);
    assert.equal(events[0]!.type, 'review.launched');
    assert.equal(events[0]!.actorId, adminId);
    await eventually(async () => assert.equal((await unitProgress('D1')).pendingReviews, 2));
    assert.ok((await openTasks('d1-sec')).some((t) => t.reviewId === review.id && t.kind === 'assign_targets'));

    // Its workflow runs: the reviewer can act on it.
    const reviewer = await people.as(org.id('d1-sec'));
    const res = await reviewer.post(`/reviews/${review.id}/targets`, { targets: [{ title: 'Learn the ropes' }] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });

  it("hands a unit's open tasks and its report to its new head", async () => {
    const memberReview = await reviewOf('person', 'd2-mem');
    const unitReview = await reviewOf('unit', 'D2');
    const oldHeadReview = await reviewOf('person', 'd2-sec');
    await importPeople([
      person('d2-sec', 'D2', 'member'),
      person('d2-new', 'D2', 'secretary', { username: org.id('d2-new'), password: TEST_PASSWORD }),
    ]);

    await eventually(async () => {
      assert.equal((await app.admin.get(`/reviews/${memberReview.id}`)).body.reviewerId, org.id('d2-new'));
      assert.equal((await app.admin.get(`/reviews/${unitReview.id}`)).body.selfActorId, org.id('d2-new'));
      assert.equal((await app.admin.get(`/reviews/${oldHeadReview.id}`)).body.reviewerId, org.id('d2-new'));
      assert.equal((await unitProgress('D2')).headId, org.id('d2-new'));
    });
    const reassigned = (await history(memberReview.id)).find((e) => e.type === 'review.reassigned');
    assert.equal(reassigned?.actorId, adminId);
    assert.equal(reassigned?.data.reason, 'head_changed');

    const inbox = await openTasks('d2-new');
    assert.ok(inbox.some((t) => t.reviewId === memberReview.id && t.kind === 'assign_targets'), JSON.stringify(inbox));
    assert.ok(!(await openTasks('d2-sec')).some((t) => t.reviewId === memberReview.id), 'the old head’s task is closed');
    const [report] = await app.product.db.query('SELECT head_id FROM reports WHERE cycle_id = $1 AND unit_id = $2', [cycleId, org.id('D2')]);
    assert.equal(report.head_id, org.id('d2-new'));

    // The old head is now a member of D2, reviewed there; the new head is reviewed one level up.
    await eventually(async () => {
      const rows = await app.product.db.query('SELECT owner_unit_id FROM reviews WHERE id = $1', [oldHeadReview.id]);
      assert.equal(rows[0].owner_unit_id, org.id('D2'));
    });
    const newHeadReview = await eventually(() => reviewOf('person', 'd2-new'));
    assert.equal(newHeadReview.reviewerId, org.id('p-sec'));
  });

  it('changes nothing when the same registry is imported again', async () => {
    const count = () => app.product.db.query('SELECT count(*)::int AS n FROM review_events e JOIN reviews r ON r.id = e.review_id WHERE r.cycle_id = $1', [cycleId]);
    const before = await count();
    const key = newKey();
    await importPeople([person('d2-sec', 'D2', 'member'), person('d1-mem1', 'D2', 'member')], key);
    const applied = await app.product.temporal.workflow.getHandle(registryChangesWorkflowId(`${adminId}/${key}`)).result();
    assert.deepEqual(applied, { cycles: 1, changes: 0 });
    assert.deepEqual(await count(), before);
  });

  it("leaves withdrawn and transferred-out reviews out of the unit's report", async () => {
    await completeReview(people, await reviewOf('person', 'd1-mem3'), 'good');
    const joined = await reviewOf('person', 'd1-new'); // targets assigned above
    const subject = await people.as(org.id('d1-new'));
    const assessed = await subject.post(`/reviews/${joined.id}/self-assessment`, {
      results: [{ targetIndex: 0, achievement: 95 }],
      generalScore: 28,
      proposedClassification: 'good',
      summary: 'Settled in',
    });
    assert.equal(assessed.status, 200, JSON.stringify(assessed.body));
    const reviewer = await people.as(org.id('d1-sec'));
    assert.equal((await reviewer.post(`/reviews/${joined.id}/review`, { decision: 'approve', classification: 'good', comment: 'Fine' })).status, 200);

    const report = await eventually(async () => {
      const res = await app.admin.get(`/cycles/${cycleId}/units/${org.id('D1')}/report`);
      assert.equal(res.body.status, 'ready', JSON.stringify(res.body));
      return res.body;
    });
    // d1-mem3 and the new member; not the struck-off d1-mem2 nor d1-mem1, now in D2.
    assert.equal(report.people.total, 2);
    assert.equal(report.people.good, 2);
  });

  it("strikes off a unit's head: their review is withdrawn and the head above takes over the unit's side and its report", async () => {
    const headReview = await reviewOf('person', 'd1-sec');
    const unitReview = await reviewOf('unit', 'D1');
    await importPeople([person('d1-sec', 'D1', 'secretary', { status: 'struck_off' })]);

    await eventually(async () => {
      assert.equal((await app.admin.get(`/reviews/${headReview.id}`)).body.status, 'withdrawn');
      assert.equal((await app.admin.get(`/reviews/${unitReview.id}`)).body.selfActorId, org.id('p-sec'));
      assert.equal((await unitProgress('D1')).headId, org.id('p-sec'));
    });
    assert.equal((await app.admin.get(`/org/units/${org.id('D1')}`)).body.headId, org.id('p-sec'));
    const inbox = await openTasks('p-sec');
    assert.ok(inbox.some((t) => t.kind === 'submit_report' && t.unitId === org.id('D1')), JSON.stringify(inbox));

    const submitted = await (await people.as(org.id('p-sec'))).post(`/cycles/${cycleId}/units/${org.id('D1')}/report`, { summary: 'Reported by the province' });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    assert.equal(submitted.body.submittedBy, org.id('p-sec'));
  });
});
