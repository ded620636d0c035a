import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sweepCycleNotices } from '../../libs/activities/notice-sweep.activity.js';
import { cycleWorkflowId } from '../../libs/temporal/workflow-ids.js';
import { buildOrg, type OrgFixture } from '../support/org-fixture.js';
import { cycleBody } from '../support/cycle-body.js';
import { Participants } from '../support/participants.js';
import { eventually, waitRunning } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

// A cycle created since cycle-notice-sweep-v1 sends its reviews' notices by one sweep of the
// cycle workflow, not by a timer in every review: each open task gets its reminder, overdue
// notice and escalation once, in the outbox and in the review's history (from review_notices),
// the escalation to the assignee's head; a task acted on before gets none; a calendar move sends
// them again for the new due date; sweeps run twice write nothing twice; a cycle created before
// (notice_sweep false) still has each review send its own.

/** District D (secretary) over commune G (secretary and three members). */
function commune(prefix: string): OrgFixture {
  return buildOrg(prefix, {
    id: 'D',
    kind: 'district',
    people: [['d-sec', 'secretary']],
    children: [{ id: 'G', kind: 'grassroots', people: [['g-sec', 'secretary'], ...[1, 2, 3].map((i): [string, 'member'] => [`m${i}`, 'member'])] }],
  });
}

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const TYPE = { reminder: 'task.reminded', overdue: 'task.overdue', escalation: 'task.escalated' } as const;
type Kind = keyof typeof TYPE;

interface Review {
  id: string;
  workflowId: string;
  subject: { id: string };
  reviewerId: string;
}

interface OutboxRow {
  review_id: string;
  kind: Kind;
  recipient_id: string;
  dedupe_key: string;
  created_at: Date;
}

describe('the cycle sweeps its reviews’ notices', () => {
  let app: TestApp;
  let people: Participants;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
  });
  after(() => app?.stop());

  async function launch(org: OrgFixture, calendar: Record<string, unknown>): Promise<{ cycleId: string; reviews: Review[] }> {
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);
    const created = await app.admin.post('/cycles', cycleBody(org.rootId, { calendar }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await waitRunning(app.admin, created.body.id);
    return { cycleId: created.body.id, reviews: (await app.admin.get(`/cycles/${created.body.id}/reviews?limit=500`)).body.items };
  }

  const outbox = async (cycleId: string): Promise<OutboxRow[]> =>
    app.product.db.query(`SELECT review_id, kind, recipient_id, dedupe_key, created_at FROM outbox WHERE cycle_id = $1 ORDER BY id`, [cycleId]);
  /** The review workflow's raw Temporal history with its payloads decoded: whether it ran the notice activity. */
  const sentNoticeItself = async (reviewId: string): Promise<boolean> => {
    const texts: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') for (const [key, v] of Object.entries(value)) key === 'data' && typeof v === 'string' ? texts.push(Buffer.from(v, 'base64').toString('utf8')) : walk(v);
    };
    const raw = (await app.admin.get(`/reviews/${reviewId}/history?format=temporal`)).body;
    walk(raw);
    return JSON.stringify(raw).includes('sendNotice') || texts.some((t) => t.includes('sendNotice'));
  };
  const historyOf = async (reviewId: string) =>
    (await app.admin.get(`/reviews/${reviewId}/history`)).body.events as Array<{ seq: number; type: string; actorId: string; at: string; data: any }>;

  it('reminds, tells and escalates every open task once, to the right person, and nothing about a task done before', async () => {
    const org = commune(uniquePrefix('sweep'));
    const dueAt = inSeconds(30);
    const calendar = { targetsDueAt: dueAt, remindBeforeSeconds: 14, escalateAfterSeconds: 6 };
    const { cycleId, reviews } = await launch(org, calendar);
    assert.equal(reviews.length, 5); // four people of G (g-sec by d-sec) and G as a collective; D's head is the root's
    const [{ notice_sweep }] = await app.product.db.query('SELECT notice_sweep FROM cycles WHERE id = $1', [cycleId]);
    assert.equal(notice_sweep, true, 'a cycle created now is swept');

    // m1's targets are assigned before any notice is due: its task is done, the next one is due next year.
    const early = reviews.find((r) => r.subject.id === org.id('m1'))!;
    assert.equal((await (await people.as(early.reviewerId)).post(`/reviews/${early.id}/targets`, { targets: [{ title: 'Tasks', weight: 100 }] })).status, 200);
    const open = reviews.filter((r) => r !== early);

    await eventually(async () => assert.equal((await outbox(cycleId)).filter((n) => n.kind === 'escalation').length, open.length), { timeoutMs: 90_000, intervalMs: 500 });
    const rows = await outbox(cycleId);
    const headOf = (assigneeId: string) => (assigneeId === org.id('g-sec') ? org.id('d-sec') : assigneeId); // d-sec heads the root: nobody above
    const times: Record<Kind, number> = { reminder: Date.parse(dueAt) - 14_000, overdue: Date.parse(dueAt), escalation: Date.parse(dueAt) + 6_000 };
    for (const review of open) {
      for (const kind of ['reminder', 'overdue', 'escalation'] as const) {
        const own = rows.filter((n) => n.review_id === review.id && n.kind === kind);
        assert.equal(own.length, 1, `one ${kind} in the outbox for ${review.subject.id}`);
        assert.equal(own[0]!.recipient_id, kind === 'escalation' ? headOf(review.reviewerId) : review.reviewerId, `${kind} of ${review.subject.id} to whom`);
        assert.ok(own[0]!.created_at.getTime() >= times[kind], `${kind} written ${own[0]!.created_at.toISOString()}, due ${new Date(times[kind]).toISOString()}`);
        assert.ok(own[0]!.dedupe_key.endsWith(`:${kind}:${dueAt}`), own[0]!.dedupe_key);
      }
    }
    assert.equal(rows.filter((n) => n.review_id === early.id).length, 0, 'nothing about a task done before its reminder');

    for (const review of open) {
      const events = await historyOf(review.id);
      assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i + 1), 'seq numbers the history 1..n');
      const notices = events.filter((e) => e.type.startsWith('task.'));
      assert.deepEqual(notices.map((e) => e.type), ['task.reminded', 'task.overdue', 'task.escalated']);
      for (const [i, kind] of (['reminder', 'overdue', 'escalation'] as const).entries()) {
        const e = notices[i]!;
        assert.equal(e.actorId, 'system:calendar');
        const taskId = e.data.taskId;
        assert.deepEqual(e.data, { taskId, assigneeId: review.reviewerId, recipientId: kind === 'escalation' ? headOf(review.reviewerId) : review.reviewerId, dueAt, step: 'target_assignment', status: 'open' });
        assert.ok(Date.parse(e.at) >= times[kind]);
      }
      // The raw Temporal history of a swept review has no notice in it (README: history formats).
      assert.equal(await sentNoticeItself(review.id), false, 'no notice activity in the review workflow');
    }
    assert.equal((await historyOf(early.id)).filter((e) => e.type.startsWith('task.')).length, 0);

    // A calendar move: the open tasks take the new due date and its notices go out again, once.
    const movedDue = inSeconds(22);
    const moved = await app.admin.post(`/cycles/${cycleId}/calendar`, { targetsDueAt: movedDue, remindBeforeSeconds: 10, escalateAfterSeconds: 3600 });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    await eventually(async () => assert.equal((await outbox(cycleId)).filter((n) => n.kind === 'reminder' && n.dedupe_key.endsWith(movedDue)).length, open.length), {
      timeoutMs: 60_000,
      intervalMs: 500,
    });
    for (const n of (await outbox(cycleId)).filter((n) => n.dedupe_key.endsWith(movedDue))) {
      assert.equal(n.kind, 'reminder');
      assert.ok(n.created_at.getTime() >= Date.parse(movedDue) - 10_000 && n.created_at.getTime() < Date.parse(movedDue), `reminder at ${n.created_at.toISOString()}, due ${movedDue}`);
    }
    for (const review of open) {
      await eventually(async () => {
        const types = (await historyOf(review.id)).map((e) => e.type);
        assert.deepEqual(types.filter((t) => t.startsWith('task.')), ['task.reminded', 'task.overdue', 'task.escalated', 'task.reminded']);
        assert.ok(types.lastIndexOf('calendar.changed') < types.lastIndexOf('task.reminded'), types.join(', '));
      });
    }
  });

  it('writes nothing twice when sweeps run again or side by side', async () => {
    const org = commune(uniquePrefix('sweep-twice'));
    // Born late: every task's overdue notice and escalation are due at once (no reminder for a task created after it).
    const { cycleId, reviews } = await launch(org, { targetsDueAt: inSeconds(-3600), escalateAfterSeconds: 60 });
    const now = new Date().toISOString();
    await Promise.all([sweepCycleNotices(app.product.db, { cycleId, now }), sweepCycleNotices(app.product.db, { cycleId, now })]);
    await eventually(async () => assert.equal((await outbox(cycleId)).length, reviews.length * 2), { timeoutMs: 60_000, intervalMs: 500 });
    assert.deepEqual(await sweepCycleNotices(app.product.db, { cycleId, now: new Date().toISOString() }), { sent: 0 }, 'a sweep run again sends nothing');
    const rows = await outbox(cycleId);
    for (const review of reviews) assert.deepEqual(rows.filter((n) => n.review_id === review.id).map((n) => n.kind), ['overdue', 'escalation']);
    const [{ n }] = await app.product.db.query(
      'SELECT count(*)::int AS n FROM review_notices x JOIN reviews r ON r.id = x.review_id WHERE r.cycle_id = $1',
      [cycleId],
    );
    assert.equal(n, reviews.length * 2);
    for (const review of reviews) {
      const types = (await historyOf(review.id)).map((e) => e.type).filter((t) => t.startsWith('task.'));
      assert.deepEqual(types, ['task.overdue', 'task.escalated']);
    }
  });

  it('leaves a cycle created before the sweep to its reviews’ own timers', async () => {
    const org = commune(uniquePrefix('sweep-legacy'));
    assert.equal((await app.admin.post('/org/import', org.payload)).status, 200);
    // A cycle as one created before migration 1765800000000 is stored (notice_sweep false) and started (no noticeSweep).
    const template = cycleBody(org.rootId, { calendar: { targetsDueAt: inSeconds(24), remindBeforeSeconds: 12, escalateAfterSeconds: 3600 } });
    const cycleId = randomUUID();
    const year = template.year;
    const subjects = 5;
    await app.product.db.query(
      `INSERT INTO cycles (id, year, period, period_key, root_unit_id, title, status, policy, calendar, subjects_total, workflow_id, created_by, created_at)
       VALUES ($1, $2, '{"kind":"year"}', 'year', $3, 'Before the sweep', 'launching', '{"ruleSet":"reg-366-2025","ruleSetVersion":2}', $4, $5, $6, 'admin', now())`,
      [cycleId, year, org.rootId, JSON.stringify(template.calendar), subjects, cycleWorkflowId(cycleId)],
    );
    await app.product.temporal.workflow.start('reviewCycleWorkflow', {
      taskQueue: app.config.temporal.taskQueue,
      workflowId: cycleWorkflowId(cycleId),
      args: [{ cycleId, rootUnitId: org.rootId }],
    });
    await waitRunning(app.admin, cycleId);
    const reviews: Review[] = (await app.admin.get(`/cycles/${cycleId}/reviews?limit=500`)).body.items;
    assert.equal(reviews.length, subjects);
    await eventually(async () => assert.equal((await outbox(cycleId)).filter((n) => n.kind === 'reminder').length, subjects), { timeoutMs: 60_000, intervalMs: 500 });
    const [{ n }] = await app.product.db.query('SELECT count(*)::int AS n FROM review_notices WHERE review_id = ANY($1)', [reviews.map((r) => r.id)]);
    assert.equal(n, 0, 'no swept notice');
    for (const review of reviews) {
      // Recorded by the review's own workflow: a stored event, and a notice activity in its Temporal history.
      await eventually(async () => {
        const stored = await app.product.db.query(`SELECT 1 FROM review_events WHERE review_id = $1 AND type = 'task.reminded'`, [review.id]);
        assert.equal(stored.length, 1);
      });
      assert.equal(await sentNoticeItself(review.id), true, 'the review sent its own notice');
    }
  });
});
