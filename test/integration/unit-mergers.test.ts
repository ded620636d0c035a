import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkflowNotFoundError } from '@temporalio/client';
import { unitWorkflowId } from '../../libs/temporal/workflow-ids.js';
import { cycleBody } from '../support/cycle-body.js';
import type { OrgFixture } from '../support/org-fixture.js';
import type { Participants } from '../support/participants.js';
import { allReviews, eventually, reviewHistory, type ReviewSummary } from '../support/review-driver.js';
import type { TestApp } from '../support/test-app.js';
import { startCycleOn } from '../support/running-cycle.js';

/**
 * Units merged and dissolved while a cycle runs (2025: provinces merged, districts abolished),
 * through `POST /org/import` as an administrator would.
 *
 * P (p-sec) → A (a-sec, a-mem), B (b-sec, b-m1, b-m2, b-m3), D (d-sec, d-mem) → D1 (d1-sec, d1-mem).
 * B is merged into A with reviews at every step; then the district D is dissolved, its people
 * moving to A and its grassroots unit D1 up under P by the same import.
 */
describe('units merged or dissolved while a cycle runs', () => {
  let app: TestApp;
  let org: OrgFixture;
  let people: Participants;
  let cycleId: string;
  let adminId: string;

  before(async () => {
    ({ app, people, org, cycleId } = await startCycleOn('merge', {
      id: 'P',
      kind: 'province',
      people: [['p-sec', 'secretary']],
      children: [
        { id: 'A', kind: 'grassroots', people: [['a-sec', 'secretary'], ['a-mem', 'member']] },
        { id: 'B', kind: 'grassroots', people: [['b-sec', 'secretary'], ['b-m1', 'member'], ['b-m2', 'member'], ['b-m3', 'member']] },
        { id: 'D', kind: 'district', people: [['d-sec', 'secretary'], ['d-mem', 'member']], children: [{ id: 'D1', kind: 'grassroots', people: [['d1-sec', 'secretary'], ['d1-mem', 'member']] }] },
      ],
    }));
    adminId = app.config.auth.adminUsername;
  });
  after(() => app?.stop());

  const unit = (local: string, extra: Record<string, unknown> = {}) => ({ id: org.id(local), parentId: org.id('P'), name: `Unit ${local}`, kind: 'grassroots', ...extra });
  const memberOf = (unitLocal: string, local: string) => ({ id: org.id(local), name: `Person ${local}`, unitId: org.id(unitLocal), position: 'member' });
  const reviewOf = async (subjectType: 'person' | 'unit', local: string): Promise<ReviewSummary & Record<string, any>> => {
    const res = (await app.admin.get(`/cycles/${cycleId}/reviews?limit=500`)).body.items.find(
      (r: ReviewSummary) => r.subject.type === subjectType && r.subject.id === org.id(local),
    );
    assert.ok(res, `no review for ${subjectType} ${local}`);
    return (await app.admin.get(`/reviews/${res.id}`)).body;
  };
  const history = (reviewId: string) => reviewHistory(app.admin, reviewId);
  const errorPaths = (res: { status: number; body: any }) => {
    assert.equal(res.status, 400, JSON.stringify(res.body));
    return (res.body.errors as Array<{ path: string }>).map((e) => e.path);
  };
  const targets = { targets: [{ title: 'Tasks of the year', weight: 100 }] };
  const selfAssessment = { results: [{ targetIndex: 0, achievement: 90 }], generalScore: 26, proposedClassification: 'good', summary: 'Done as planned' };

  /** Takes an open review from whatever step it is at to done, each step by who must act now. */
  async function finish(reviewId: string): Promise<void> {
    for (;;) {
      const review = (await app.admin.get(`/reviews/${reviewId}`)).body;
      if (review.status !== 'open') return;
      const reviewer = await people.as(review.reviewerId);
      const subject = await people.as(review.selfActorId);
      const res =
        review.step === 'target_assignment'
          ? await reviewer.post(`/reviews/${reviewId}/targets`, targets)
          : review.step === 'self_assessment'
            ? await subject.post(`/reviews/${reviewId}/self-assessment`, selfAssessment)
            : await reviewer.post(`/reviews/${reviewId}/review`, { decision: 'approve', classification: 'good', comment: 'Agreed' });
      assert.equal(res.status, 200, `${review.step} of ${review.subject.id}: ${JSON.stringify(res.body)}`);
    }
  }

  it('refuses a merge into an unknown unit or into its own subtree, a dissolution that leaves people behind, and retiring an open cycle’s root, naming the field', async () => {
    const unknown = await app.admin.post('/org/import', { units: [unit('B', { mergedInto: org.id('nowhere') })] });
    assert.ok(errorPaths(unknown).includes('units[0].mergedInto'), JSON.stringify(unknown.body));
    const intoOwnChild = await app.admin.post('/org/import', { units: [{ id: org.id('P'), parentId: null, name: 'Unit P', kind: 'province', mergedInto: org.id('A') }] });
    assert.ok(errorPaths(intoOwnChild).includes('units[0].mergedInto'), JSON.stringify(intoOwnChild.body));
    const notEmptied = await app.admin.post('/org/import', { units: [unit('D', { dissolved: true })] });
    assert.deepEqual(errorPaths(notEmptied), ['units[0].dissolved', 'units[0].dissolved']);
    assert.match(notEmptied.body.errors[0].message, /still has people not moved/);
    assert.match(notEmptied.body.errors[1].message, /still has child units not moved/);
    // The cycle's root reports to nobody in the cycle: it cannot leave while the cycle is open.
    const rootDissolved = await app.admin.post('/org/import', { units: [{ id: org.id('P'), parentId: null, name: 'Unit P', kind: 'province', dissolved: true }] });
    assert.ok(errorPaths(rootDissolved).includes('units[0].dissolved'), JSON.stringify(rootDissolved.body));
    assert.ok(
      rootDissolved.body.errors.some((e: { message: string }) => e.message.includes(`root of the cycle`) && e.message.includes(cycleId)),
      JSON.stringify(rootDissolved.body),
    );
  });

  it("moves a merged unit's open reviews at every step to the receiving unit's head, with the admin in their histories", async () => {
    const bSec = await people.as(org.id('b-sec'));
    const [m1, m2, m3] = await Promise.all(['b-m1', 'b-m2', 'b-m3'].map((local) => reviewOf('person', local)));
    // b-m1 waits for targets, b-m2 for its self-assessment, b-m3 for the superior's review.
    assert.equal((await bSec.post(`/reviews/${m2!.id}/targets`, targets)).status, 200);
    assert.equal((await bSec.post(`/reviews/${m3!.id}/targets`, targets)).status, 200);
    assert.equal((await (await people.as(org.id('b-m3'))).post(`/reviews/${m3!.id}/self-assessment`, selfAssessment)).status, 200);

    const merged = await app.admin.post('/org/import', {
      units: [unit('B', { mergedInto: org.id('A') })],
      people: ['b-sec', 'b-m1', 'b-m2', 'b-m3'].map((local) => memberOf('A', local)),
    });
    assert.equal(merged.status, 200, JSON.stringify(merged.body));

    for (const [review, step] of [
      [m1!, 'target_assignment'],
      [m2!, 'self_assessment'],
      [m3!, 'superior_review'],
    ] as const) {
      const moved = await eventually(async () => {
        const r = (await app.admin.get(`/reviews/${review.id}`)).body;
        assert.equal(r.reviewerId, org.id('a-sec'));
        return r;
      });
      assert.equal(moved.step, step, 'the review keeps its progress');
      assert.equal(moved.unitId, org.id('A'));
      const reassigned = (await history(review.id)).find((e) => e.type === 'review.reassigned');
      assert.equal(reassigned?.actorId, adminId);
      assert.equal(reassigned?.data.reason, 'transferred');
    }
    // The merged unit's own collective review continues with the receiving unit's head.
    const collective = await eventually(async () => {
      const r = await reviewOf('unit', 'B');
      assert.equal(r.selfActorId, org.id('a-sec'));
      return r;
    });
    const reassigned = (await history(collective.id)).find((e) => e.type === 'review.reassigned');
    assert.equal(reassigned?.actorId, adminId);
    assert.equal(reassigned?.data.reason, 'unit_merged');

    // The merged unit retires: its workflow ends and its parent no longer expects its report.
    await eventually(async () => {
      const description = await app.product.temporal.workflow
        .getHandle(unitWorkflowId(cycleId, org.id('B')))
        .describe()
        .catch((e: unknown) => (e instanceof WorkflowNotFoundError ? null : Promise.reject(e)));
      assert.equal(description?.status.name, 'COMPLETED');
    });
    // A merged unit has nothing left to review: no cycle is launched for it.
    assert.deepEqual(errorPaths(await app.admin.post('/cycles', cycleBody(org.id('B')))), ['rootUnitId']);
    const parentReport = (await app.admin.get(`/cycles/${cycleId}/units/${org.id('P')}/report`)).body;
    assert.deepEqual(
      parentReport.children.map((c: { unitId: string }) => c.unitId),
      [org.id('A'), org.id('D')],
    );
  });

  it("ends a dissolved unit's own collective review as withdrawn by the admin, and its moved members and child unit follow their new units", async () => {
    const dissolved = await app.admin.post('/org/import', {
      units: [unit('D', { dissolved: true, kind: 'district' }), { ...unit('D1'), parentId: org.id('P') }],
      people: [memberOf('A', 'd-sec'), memberOf('A', 'd-mem')],
    });
    assert.equal(dissolved.status, 200, JSON.stringify(dissolved.body));

    const collective = await eventually(async () => {
      const r = await reviewOf('unit', 'D');
      assert.equal(r.status, 'withdrawn');
      return r;
    });
    const withdrawn = (await history(collective.id)).find((e) => e.type === 'review.withdrawn');
    assert.equal(withdrawn?.actorId, adminId);
    assert.equal(withdrawn?.data.reason, 'unit_dissolved');
    for (const local of ['d-sec', 'd-mem']) {
      await eventually(async () => {
        const r = await reviewOf('person', local);
        assert.equal(r.reviewerId, org.id('a-sec'), `${local} follows A`);
        assert.equal(r.status, 'open');
      });
    }
    // D1 now reports to P: its collective and its head are reviewed by P's head.
    for (const [type, local] of [['unit', 'D1'], ['person', 'd1-sec']] as const) {
      await eventually(async () => assert.equal((await reviewOf(type, local)).reviewerId, org.id('p-sec'), `${local} reviewed by p-sec`));
    }
    await eventually(async () => {
      const children = (await app.admin.get(`/cycles/${cycleId}/units/${org.id('P')}/report`)).body.children;
      assert.deepEqual(children.map((c: { unitId: string }) => c.unitId), [org.id('A'), org.id('D1')]);
    });
    // The registry still shows both, as they stand: B merged into A, D dissolved, A active.
    const standing = async (local: string) => {
      const { status, mergedInto, mergedIntoName } = (await app.admin.get(`/org/units/${org.id(local)}`)).body;
      return { status, mergedInto, mergedIntoName };
    };
    assert.deepEqual(await standing('B'), { status: 'merged', mergedInto: org.id('A'), mergedIntoName: 'Unit A' });
    assert.deepEqual(await standing('D'), { status: 'dissolved', mergedInto: null, mergedIntoName: null });
    assert.deepEqual(await standing('A'), { status: 'active', mergedInto: null, mergedIntoName: null });
    const listed = (await app.admin.get(`/org/units?q=${encodeURIComponent(org.id('B'))}`)).body.items.find((u: { id: string }) => u.id === org.id('B'));
    assert.deepEqual({ status: listed.status, mergedInto: listed.mergedInto }, { status: 'merged', mergedInto: org.id('A') });
  });

  it('completes the cycle, with the receiving unit counting the moved reviews', async () => {
    for (const review of await allReviews(app.admin, cycleId)) await finish(review.id);
    for (const [local, head] of [['A', 'a-sec'], ['D1', 'd1-sec'], ['P', 'p-sec']] as const) {
      const path = `/cycles/${cycleId}/units/${org.id(local)}/report`;
      const client = await people.as(org.id(head));
      await eventually(async () => assert.equal((await client.get(path)).body.status, 'ready', `report of ${local}`));
      const submitted = await client.post(path, { summary: `Report of ${local}` });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    }
    await eventually(async () => assert.equal((await app.admin.get(`/cycles/${cycleId}`)).body.status, 'completed'));
    const a = (await app.admin.get(`/cycles/${cycleId}/units/${org.id('A')}/report`)).body;
    assert.equal(a.people.total, 7, 'a-mem, and moved in: b-sec, b-m1, b-m2, b-m3, d-sec, d-mem');
    const p = (await app.admin.get(`/cycles/${cycleId}/units/${org.id('P')}/report`)).body;
    assert.equal(p.people.total, 10, "a-sec, d1-sec, A's seven and D1's d1-mem");
    assert.equal(p.units.total, 3, "A, D1, and B's collective review continued with A's head; D's withdrawn");
  });
});
