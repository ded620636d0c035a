import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Participants } from '../support/participants.js';
import { buildOrg, type OrgFixture } from '../support/org-fixture.js';
import { cycleBody } from '../support/cycle-body.js';
import { eventually, waitRunning } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// The calendar on real servers, in seconds: a step opens at its date, notices go out before and
// after a due date (to the assignee, then the assignee's head), an administrator moves dates.

/** District D (secretary d-sec) over commune G (secretary g-sec, member g-mem). */
function smallOrg(prefix: string): OrgFixture {
  return buildOrg(prefix, {
    id: 'D',
    kind: 'district',
    people: [['d-sec', 'secretary']],
    children: [{ id: 'G', kind: 'grassroots', people: [['g-sec', 'secretary'], ['g-mem', 'member']] }],
  });
}

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const targets = { targets: [{ title: 'Tasks of the year', weight: 100 }] };
const selfAssessment = { results: [{ targetIndex: 0, achievement: 90 }], generalScore: 25, proposedClassification: 'good', summary: 'Done.' };

describe('the calendar runs on durable timers', () => {
  let app: TestApp;
  let people: Participants;

  before(async () => {
    app = await startTestApp({ OUTBOX_POLL_MS: '200' });
    people = new Participants(app.http);
  });
  after(() => app?.stop());

  async function launch(org: OrgFixture, calendar: Record<string, unknown>): Promise<string> {
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);
    const created = await app.admin.post('/cycles', cycleBody(org.rootId, { calendar }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await waitRunning(app.admin, created.body.id);
    return created.body.id;
  }

  async function reviewOf(cycleId: string, subjectId: string) {
    const list = await app.admin.get(`/cycles/${cycleId}/reviews?limit=500`);
    return list.body.items.find((r: { subject: { id: string } }) => r.subject.id === subjectId);
  }

  const historyOf = async (reviewId: string) => (await app.admin.get(`/reviews/${reviewId}/history`)).body.events as Array<{ type: string; actorId: string; at: string; data: any }>;

  it('keeps self-assessment closed until its date, then opens it in the inbox, recorded as step.opened', async () => {
    const org = smallOrg(uniquePrefix('cal-open'));
    const opensAt = inSeconds(12); // room for a loaded machine to launch and assign targets first
    const cycleId = await launch(org, { selfAssessmentOpensAt: opensAt });
    const review = await reviewOf(cycleId, org.id('g-mem'));
    const reviewer = await people.as(org.id('g-sec'));
    const subject = await people.as(org.id('g-mem'));
    assert.equal((await reviewer.post(`/reviews/${review.id}/targets`, targets)).status, 200);

    const early = await subject.post(`/reviews/${review.id}/self-assessment`, selfAssessment);
    assert.equal(early.status, 409, JSON.stringify(early.body));
    assert.match(early.body.detail, new RegExp(`opens at ${opensAt}`));
    assert.equal((await subject.get('/tasks')).body.items.filter((t: any) => t.reviewId === review.id).length, 0, 'not in the inbox before it opens');

    await eventually(async () => {
      const inbox = (await subject.get('/tasks')).body.items.filter((t: any) => t.reviewId === review.id);
      assert.deepEqual(inbox.map((t: any) => t.kind), ['self_assess']);
    }, { timeoutMs: 30_000 });
    const opened = await eventually(async () => {
      const event = (await historyOf(review.id)).find((e) => e.type === 'step.opened');
      assert.ok(event, 'history records the opening');
      return event;
    });
    assert.equal(opened.actorId, 'system:calendar');
    assert.ok(Date.parse(opened.at) >= Date.parse(opensAt), `opened at ${opened.at}, not before ${opensAt}`);
    assert.equal((await subject.post(`/reviews/${review.id}/self-assessment`, selfAssessment)).status, 200);
  });

  it('reminds the assignee before the due date, marks the task overdue at it and escalates to their head after it', async () => {
    const org = smallOrg(uniquePrefix('cal-notice'));
    // Wide enough margins for a loaded machine: the task exists well before its reminder is due.
    const dueAt = inSeconds(12);
    const cycleId = await launch(org, { targetsDueAt: dueAt, remindBeforeSeconds: 6, escalateAfterSeconds: 3 });
    const review = await reviewOf(cycleId, org.id('g-mem'));
    const assignee = await people.as(org.id('g-sec'));

    const task = (await assignee.get('/tasks')).body.items.find((t: any) => t.reviewId === review.id);
    assert.equal(task.kind, 'assign_targets');
    assert.equal(task.overdue, false);

    const outbox = async () =>
      (await app.product.db.query(`SELECT kind, recipient_id, sent_at, created_at FROM outbox WHERE review_id = $1 ORDER BY id`, [review.id])) as Array<{
        kind: string;
        recipient_id: string;
        sent_at: Date | null;
        created_at: Date;
      }>;
    await eventually(async () => assert.deepEqual((await outbox()).map((n) => n.kind), ['reminder', 'overdue', 'escalation']), { timeoutMs: 30_000 });
    const notices = await outbox();
    assert.deepEqual(notices.map((n) => n.recipient_id), [org.id('g-sec'), org.id('g-sec'), org.id('d-sec')], 'the escalation goes to the assignee’s own head');
    assert.ok(notices[0]!.created_at.getTime() < Date.parse(dueAt), 'the reminder comes before the due date');
    assert.ok(notices[1]!.created_at.getTime() >= Date.parse(dueAt), 'the overdue notice not before it');
    assert.ok(notices[2]!.created_at.getTime() >= Date.parse(dueAt) + 3000, 'the escalation after the grace period');
    await eventually(async () => assert.ok((await outbox()).every((n) => n.sent_at !== null), 'the dispatcher delivers every notice'));

    const late = (await assignee.get('/tasks')).body.items.find((t: any) => t.reviewId === review.id);
    assert.equal(late.overdue, true);
    const cycle = await app.admin.get(`/cycles/${cycleId}`);
    assert.ok(cycle.body.progress.overdue >= 1, `progress.overdue = ${cycle.body.progress.overdue}`);
    // The history event may land a moment after its outbox row on a loaded machine.
    await eventually(async () => {
      const types = (await historyOf(review.id)).map((e) => e.type);
      assert.deepEqual(types.filter((t) => t.startsWith('task.')), ['task.reminded', 'task.overdue', 'task.escalated']);
    });

    // Acting ends the notices: the next task starts a schedule of its own, due next year.
    assert.equal((await assignee.post(`/reviews/${review.id}/targets`, targets)).status, 200);
    assert.equal((await assignee.get('/tasks')).body.items.filter((t: any) => t.reviewId === review.id).length, 0);
  });

  it('tells the assignee and their head at once about a task launched after its due date', async () => {
    const org = smallOrg(uniquePrefix('cal-late'));
    const cycleId = await launch(org, { targetsDueAt: inSeconds(-3600), escalateAfterSeconds: 60 });
    const review = await reviewOf(cycleId, org.id('g-mem'));
    await eventually(async () => {
      const rows: Array<{ kind: string }> = await app.product.db.query(`SELECT kind FROM outbox WHERE review_id = $1 ORDER BY id`, [review.id]);
      assert.deepEqual(rows.map((r) => r.kind), ['overdue', 'escalation'], 'no reminder for a task born late');
    });
  });

  it('reminds a unit’s head about the report, follows its moved due date and escalates to the head above', async () => {
    const org = smallOrg(uniquePrefix('cal-report'));
    const cycleId = await launch(org, {});
    const review = await reviewOf(cycleId, org.id('g-mem'));
    const head = await people.as(org.id('g-sec'));
    assert.equal((await head.post(`/reviews/${review.id}/targets`, targets)).status, 200);
    assert.equal((await (await people.as(org.id('g-mem'))).post(`/reviews/${review.id}/self-assessment`, selfAssessment)).status, 200);
    assert.equal((await head.post(`/reviews/${review.id}/review`, { decision: 'approve', classification: 'good', comment: 'Fine.' })).status, 200);
    const reportPath = `/cycles/${cycleId}/units/${org.id('G')}/report`;
    await eventually(async () => assert.equal((await head.get(reportPath)).body.status, 'ready'));

    // The report was due months from now; the administrator brings every date forward.
    const dueAt = inSeconds(10);
    const dates = { targetsDueAt: dueAt, selfAssessmentDueAt: dueAt, reviewDueAt: dueAt, remediationDueAt: dueAt, reportDueAt: dueAt };
    assert.equal((await app.admin.post(`/cycles/${cycleId}/calendar`, { ...dates, remindBeforeSeconds: 5, escalateAfterSeconds: 2 })).status, 200);

    const outbox = async () =>
      (await app.product.db.query(`SELECT kind, recipient_id, created_at FROM outbox WHERE task_id = $1 ORDER BY id`, [`report:${cycleId}:${org.id('G')}:submit_report`])) as Array<{
        kind: string;
        recipient_id: string;
        created_at: Date;
      }>;
    await eventually(async () => assert.deepEqual((await outbox()).map((n) => n.kind), ['reminder', 'overdue', 'escalation']), { timeoutMs: 30_000 });
    const notices = await outbox();
    assert.deepEqual(notices.map((n) => n.recipient_id), [org.id('g-sec'), org.id('g-sec'), org.id('d-sec')]);
    assert.ok(notices[0]!.created_at.getTime() < Date.parse(dueAt) && notices[1]!.created_at.getTime() >= Date.parse(dueAt));
    assert.equal((await head.post(reportPath, { summary: 'Late, but here.' })).status, 200);
  });

  it('lets an administrator move the dates of a running cycle: open reviews follow, recorded with who moved them', async () => {
    const org = smallOrg(uniquePrefix('cal-move'));
    const cycleId = await launch(org, { selfAssessmentOpensAt: inSeconds(3600) });
    const review = await reviewOf(cycleId, org.id('g-mem'));
    const reviewer = await people.as(org.id('g-sec'));
    const subject = await people.as(org.id('g-mem'));
    assert.equal((await reviewer.post(`/reviews/${review.id}/targets`, targets)).status, 200);
    assert.equal((await subject.post(`/reviews/${review.id}/self-assessment`, selfAssessment)).status, 409);

    const bad = await app.admin.post(`/cycles/${cycleId}/calendar`, { selfAssessmentDueAt: '2000-01-01T00:00:00.000Z' });
    assert.equal(bad.status, 400);
    assert.ok(bad.body.errors.some((e: any) => e.path.startsWith('calendar.')), JSON.stringify(bad.body));
    const notAdmin = await subject.post(`/cycles/${cycleId}/calendar`, { selfAssessmentOpensAt: inSeconds(0) });
    assert.ok([403, 404].includes(notAdmin.status), `a member gets ${notAdmin.status}`);

    const newDue = inSeconds(86_400 * 315);
    const moved = await app.admin.post(`/cycles/${cycleId}/calendar`, { selfAssessmentOpensAt: inSeconds(-1), selfAssessmentDueAt: newDue });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.calendar.selfAssessmentDueAt, newDue);

    await eventually(async () => {
      const task = (await subject.get('/tasks')).body.items.find((t: any) => t.reviewId === review.id);
      assert.equal(task?.kind, 'self_assess');
      assert.equal(task.dueAt, newDue);
    });
    const change = (await historyOf(review.id)).find((e) => e.type === 'calendar.changed');
    assert.equal(change?.actorId, app.config.auth.adminUsername);
    assert.equal((await subject.post(`/reviews/${review.id}/self-assessment`, selfAssessment)).status, 200);

    // Reviews still at target assignment moved too.
    const other = await reviewOf(cycleId, org.id('g-sec'));
    assert.ok((await historyOf(other.id)).some((e) => e.type === 'calendar.changed'));
  });
});
