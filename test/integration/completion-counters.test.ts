import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataSource, EntityManager } from 'typeorm';
import { buildOrg, type OrgFixture } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { ok } from '../support/problems.js';
import { allReviews, completeReview, eventually, launchCycle, type ReviewSummary } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

const DAY = 86_400_000;

type Queryable = Pick<DataSource | EntityManager, 'query'>;

interface Counts {
  subjects: number;
  done: number;
  overdue: number;
}

// The completion tree as it was computed before the counters (straight from reviews and tasks): the
// reference the counters must always agree with.
const DIRECT_LEVEL = `
  WITH subtree AS (SELECT id, ancestor_ids[$3::int + 1] AS child_id FROM units WHERE ancestor_ids @> ARRAY[$2::text]),
  counted AS (
    SELECT r.owner_unit_id AS unit_id, count(*) FILTER (WHERE r.status NOT IN ('withdrawn', 'cancelled')) AS subjects,
           count(*) FILTER (WHERE r.status = 'done') AS done, 0 AS overdue
      FROM reviews r WHERE r.cycle_id = $1 GROUP BY 1
    UNION ALL
    SELECT COALESCE(r.owner_unit_id, k.unit_id), 0, 0, count(*)
      FROM tasks k LEFT JOIN reviews r ON r.id = k.review_id AND r.cycle_id = k.cycle_id
     WHERE k.cycle_id = $1 AND k.status = 'open' AND k.due_at < now() AND (k.opens_at IS NULL OR k.opens_at <= now()) GROUP BY 1
  )
  SELECT s.child_id, sum(c.subjects)::int AS subjects, sum(c.done)::int AS done, sum(c.overdue)::int AS overdue
    FROM counted c JOIN subtree s ON s.id = c.unit_id GROUP BY s.child_id`;

// Every counter row of the cycle against the same numbers counted from the rows, including the open
// tasks not late yet (so a miscount shows before the clock makes it visible).
const COUNTERS_VS_ROWS = `
  WITH direct_reviews AS (
    SELECT owner_unit_id AS unit_id, count(*) FILTER (WHERE status NOT IN ('withdrawn', 'cancelled'))::int AS subjects,
           count(*) FILTER (WHERE status = 'done')::int AS done
      FROM reviews WHERE cycle_id = $1 GROUP BY 1
    HAVING count(*) FILTER (WHERE status NOT IN ('withdrawn', 'cancelled')) + count(*) FILTER (WHERE status = 'done') > 0),
  direct_tasks AS (
    SELECT COALESCE(r.owner_unit_id, k.unit_id) AS unit_id, k.due_at, COALESCE(k.opens_at, '-infinity') AS opens_at, count(*)::int AS open
      FROM tasks k LEFT JOIN reviews r ON r.id = k.review_id AND r.cycle_id = k.cycle_id
     WHERE k.cycle_id = $1 AND k.status = 'open' AND k.due_at IS NOT NULL GROUP BY 1, 2, 3)
  SELECT 'reviews' AS counter, COALESCE(d.unit_id, c.unit_id) AS unit_id, NULL::timestamptz AS due_at,
         jsonb_build_array(d.subjects, d.done) AS direct, jsonb_build_array(c.subjects, c.done) AS counted
    FROM direct_reviews d FULL JOIN (SELECT * FROM completion_review_counts WHERE cycle_id = $1 AND (subjects, done) <> (0, 0)) c USING (unit_id)
   WHERE (d.subjects, d.done) IS DISTINCT FROM (c.subjects, c.done)
  UNION ALL
  SELECT 'open tasks', COALESCE(d.unit_id, c.unit_id), COALESCE(d.due_at, c.due_at), to_jsonb(d.open), to_jsonb(c.open)
    FROM direct_tasks d FULL JOIN (SELECT * FROM completion_open_tasks WHERE cycle_id = $1 AND open <> 0) c USING (unit_id, due_at, opens_at)
   WHERE d.open IS DISTINCT FROM c.open`;

/**
 * The counters behind `GET /cycles/:id/completion` (migration 1765600000000) against the rows they
 * count, after each kind of writer: the launch, people's actions, a transfer and a strike-off, SQL
 * written by hand (every insert, update and delete path), and the cancel's sweeps.
 *
 * P (p-sec, p-mem) → D1 (d1-sec, d1-mem1, d1-mem2) → G (g-sec, g-mem); P → D2 (d2-sec, d2-mem).
 * Targets were due a day before the launch: every assign_targets task is late from the start.
 */
describe('completion counters', () => {
  let app: TestApp;
  let org: OrgFixture;
  let people: Participants;
  let cycleId: string;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    org = buildOrg(uniquePrefix('counters'), {
      id: 'P',
      kind: 'province',
      people: [['p-sec', 'secretary'], ['p-mem', 'member']],
      children: [
        {
          id: 'D1',
          kind: 'district',
          people: [['d1-sec', 'secretary'], ['d1-mem1', 'member'], ['d1-mem2', 'member']],
          children: [{ id: 'G', kind: 'grassroots', people: [['g-sec', 'secretary'], ['g-mem', 'member']] }],
        },
        { id: 'D2', kind: 'district', people: [['d2-sec', 'secretary'], ['d2-mem', 'member']] },
      ],
    });
    ok(await app.admin.post('/org/import', org.payload));
    cycleId = await launchCycle(app.admin, org.rootId, { calendar: { targetsDueAt: new Date(Date.now() - DAY).toISOString() } });
  });
  after(() => app?.stop());

  const levels = ['P', 'D1', 'D2', 'G'];
  const reviewOf = async (local: string): Promise<ReviewSummary> => (await allReviews(app.admin, cycleId)).find((r) => r.subject.id === org.id(local))!;
  const importPeople = async (list: unknown[]) => ok(await app.admin.post('/org/import', { people: list }));

  /** No counter row differs from the rows, and every level of the tree answers what the rows say. */
  async function assertCountersMatch(db: Queryable = app.product.db): Promise<void> {
    assert.deepEqual(await db.query(COUNTERS_VS_ROWS, [cycleId]), []);
    for (const local of levels) {
      const answer = ok(await app.admin.get(`/cycles/${cycleId}/completion?unitId=${org.id(local)}`));
      const expected = await directLevel(local);
      const pick = (c: Counts) => ({ subjects: c.subjects, done: c.done, overdue: c.overdue });
      assert.deepEqual(pick(answer), expected.get('whole'), `level ${local}`);
      for (const child of answer.children) assert.deepEqual(pick(child), expected.get(child.unitId) ?? { subjects: 0, done: 0, overdue: 0 }, `child ${child.unitId} of ${local}`);
    }
  }

  async function directLevel(local: string): Promise<Map<string, Counts>> {
    const [unit] = await app.product.db.query('SELECT cardinality(ancestor_ids) AS depth FROM units WHERE id = $1', [org.id(local)]);
    const rows: Array<Counts & { child_id: string | null }> = await app.product.db.query(DIRECT_LEVEL, [cycleId, org.id(local), unit.depth]);
    const whole = rows.reduce((s, r) => ({ subjects: s.subjects + r.subjects, done: s.done + r.done, overdue: s.overdue + r.overdue }), { subjects: 0, done: 0, overdue: 0 });
    return new Map<string, Counts>([['whole', whole], ...rows.filter((r) => r.child_id !== null).map((r) => [r.child_id!, { subjects: r.subjects, done: r.done, overdue: r.overdue }] as [string, Counts])]);
  }

  it('counts the launch: every subject, every late targets task', async () => {
    // Every review counted once its task is written, each task late (targets were due yesterday).
    const subjects = (await allReviews(app.admin, cycleId)).length;
    await eventually(async () => {
      const root = ok(await app.admin.get(`/cycles/${cycleId}/completion`));
      assert.deepEqual([root.subjects, root.done, root.overdue], [subjects, 0, subjects]);
    });
    await assertCountersMatch();
  });

  it("follows people's actions to done", async () => {
    await completeReview(people, await reviewOf('g-mem'));
    await eventually(async () => assert.equal(ok(await app.admin.get(`/cycles/${cycleId}/completion?unitId=${org.id('G')}`)).done, 1));
    await assertCountersMatch();
  });

  it('moves a transferred review and its open task to the new unit, and drops a struck-off one', async () => {
    const moving = await reviewOf('d1-mem1');
    await importPeople([{ id: org.id('d1-mem1'), name: 'Person d1-mem1', unitId: org.id('D2'), position: 'member' }]);
    await eventually(async () => assert.equal(ok(await app.admin.get(`/reviews/${moving.id}`)).unitId, org.id('D2')));
    await assertCountersMatch();

    const leaving = await reviewOf('d1-mem2');
    await importPeople([{ id: org.id('d1-mem2'), name: 'Person d1-mem2', unitId: org.id('D1'), position: 'member', status: 'struck_off' }]);
    await eventually(async () => assert.equal(ok(await app.admin.get(`/reviews/${leaving.id}`)).status, 'withdrawn'));
    await assertCountersMatch();
  });

  it('follows SQL written by hand: inserts, updates and deletes of reviews and tasks', async () => {
    const review = await reviewOf('p-mem');
    await app.product.db
      .transaction(async (tx) => {
        await tx.query('SET CONSTRAINTS completion_pending_apply IMMEDIATE'); // counters after each statement, not at commit
        const step = async (sql: string, params: unknown[]) => {
          await tx.query(sql, params);
          assert.deepEqual(await tx.query(COUNTERS_VS_ROWS, [cycleId]), [], sql);
        };
        await step(`UPDATE tasks SET due_at = due_at - interval '1 hour', opens_at = now() WHERE review_id = $1 AND status = 'open'`, [review.id]);
        await step(`UPDATE reviews SET owner_unit_id = $2 WHERE id = $1`, [review.id, org.id('D2')]);
        await step(`INSERT INTO tasks (id, assignee_id, kind, cycle_id, review_id, unit_id, status, due_at, created_at)
                    VALUES ($1 || ':extra', 'x', 'review', $2, $1, $3, 'open', now() - interval '1 day', now())`, [review.id, cycleId, org.id('G')]);
        await step(`UPDATE reviews SET status = 'done' WHERE id = $1`, [review.id]);
        await step(`DELETE FROM reviews WHERE id = $1`, [review.id]); // its tasks fall back to their own unit
        await step(
          `INSERT INTO reviews (id, cycle_id, workflow_id, subject_type, subject_id, subject_name, unit_id, owner_unit_id, reviewer_id, self_actor_id, step, status, version, state)
           VALUES ($1, $2, $1 || ':again', 'person', 'x', 'X', $3, $3, 'x', 'x', 'superior_review', 'open', 1, '{}')`,
          [review.id, cycleId, org.id('D1')],
        );
        await step(`DELETE FROM tasks WHERE review_id = $1`, [review.id]);
        throw new RolledBack();
      })
      .catch((error) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    await assertCountersMatch();
  });

  it('lets two transactions move tasks between the same due dates in opposite directions without a deadlock', async () => {
    const [dueA, dueB] = [new Date(Date.now() - DAY), new Date(Date.now() + DAY)];
    const task = (id: string, due: Date) => [
      `INSERT INTO tasks (id, assignee_id, kind, cycle_id, unit_id, status, due_at, created_at) VALUES ($1, 'x', 'submit_report', $2, $3, 'open', $4, now())`,
      [`${cycleId}:opposite:${id}`, cycleId, org.id('G'), due],
    ] as [string, unknown[]];
    const close = (id: string) => [`UPDATE tasks SET status = 'done' WHERE id = $1`, [`${cycleId}:opposite:${id}`]] as [string, unknown[]];
    await app.product.db.query(...task('a', dueA));
    await app.product.db.query(...task('b', dueB));
    const [one, two] = [app.product.db.createQueryRunner(), app.product.db.createQueryRunner()];
    try {
      await one.startTransaction();
      await two.startTransaction();
      // A → B in one, B → A in the other, interleaved: counters updated per statement would lock
      // A's row in one and B's in the other, then each wait for the other's.
      await one.query(...close('a'));
      await two.query(...close('b'));
      await Promise.all([one.query(...task('a2', dueB)), two.query(...task('b2', dueA))]);
      await Promise.all([one.commitTransaction(), two.commitTransaction()]);
    } finally {
      await Promise.all([one.release(), two.release()]);
    }
    await assertCountersMatch();
    await app.product.db.query(`DELETE FROM tasks WHERE id LIKE $1 || ':opposite:%'`, [cycleId]);
    await assertCountersMatch();
  });

  it("follows a cancel's sweeps: nothing open or late is left, done stays done", async () => {
    ok(await app.admin.post(`/cycles/${cycleId}/cancel`, { reason: 'Counting test' }));
    await eventually(async () => {
      const [open] = await app.product.db.query(`SELECT count(*)::int AS n FROM tasks WHERE cycle_id = $1 AND status = 'open'`, [cycleId]);
      assert.equal(open.n, 0);
    });
    await assertCountersMatch();
    const root = ok(await app.admin.get(`/cycles/${cycleId}/completion`));
    assert.deepEqual([root.subjects, root.done, root.overdue], [1, 1, 0]);
  });
});

class RolledBack extends Error {}
