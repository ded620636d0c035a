import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDataSource, migrate } from '../../libs/persistence/data-source.js';
import { CompletionCounters1765600000000 } from '../../libs/persistence/migrations/1765600000000-completion-counters.js';
import { schemaBefore, scratchDatabase } from '../support/scratch-database.js';

// Cycles running when the counters arrive are counted once by the migration, then kept by the triggers.
describe('the completion counters migration', () => {
  const databaseUrl = scratchDatabase('completion_counters');

  it('counts the reviews and open tasks already stored, then follows new writes', async () => {
    const old = await schemaBefore(databaseUrl, CompletionCounters1765600000000);
    const review = (id: string, owner: string, status: string) =>
      old.query(
        `INSERT INTO reviews (id, cycle_id, workflow_id, subject_type, subject_id, subject_name, unit_id, owner_unit_id, reviewer_id, self_actor_id, step, status, version, state)
         VALUES ($1, 'c1', $1, 'person', $1, $1, 'cell', $2, 'head', $1, 'self_assessment', $3, 1, '{}')`,
        [id, owner, status],
      );
    const task = (id: string, reviewId: string | null, unit: string, status: string, dueAt: string | null, opensAt: string | null = null) =>
      old.query(
        `INSERT INTO tasks (id, assignee_id, kind, cycle_id, review_id, unit_id, status, due_at, opens_at, created_at)
         VALUES ($1, 'someone', 'self_assess', 'c1', $2, $3, $4, $5, $6, now())`,
        [id, reviewId, unit, status, dueAt, opensAt],
      );
    await review('r1', 'owner', 'open');
    await review('r2', 'owner', 'done');
    await review('r3', 'owner', 'withdrawn');
    await task('t1', 'r1', 'cell', 'open', '2026-01-01T00:00:00Z'); // counts where its review is owned
    await task('t2', 'r2', 'cell', 'done', '2026-01-01T00:00:00Z');
    await task('t3', null, 'cell', 'open', '2026-01-01T00:00:00Z', '2025-12-01T00:00:00Z'); // a report task: at its unit
    await task('t4', 'r1', 'cell', 'open', null); // never late
    await old.destroy();

    const db = createDataSource({ url: databaseUrl, poolSize: 2 });
    await db.initialize();
    try {
      await migrate(db);
      const counts = () => db.query(`SELECT unit_id, subjects, done FROM completion_review_counts ORDER BY unit_id`);
      const open = () => db.query(`SELECT unit_id, due_at, opens_at, open FROM completion_open_tasks WHERE open <> 0 ORDER BY unit_id`);
      assert.deepEqual(await counts(), [{ unit_id: 'owner', subjects: 2, done: 1 }]);
      const due = new Date('2026-01-01T00:00:00Z');
      assert.deepEqual(await open(), [
        { unit_id: 'cell', due_at: due, opens_at: new Date('2025-12-01T00:00:00Z'), open: 1 },
        { unit_id: 'owner', due_at: due, opens_at: -Infinity, open: 1 },
      ]);
      await db.query(`UPDATE tasks SET status = 'done' WHERE id = 't1'`);
      await db.query(`UPDATE reviews SET status = 'done' WHERE id = 'r1'`);
      assert.deepEqual(await counts(), [{ unit_id: 'owner', subjects: 2, done: 2 }]);
      assert.deepEqual((await open()).map((r: { unit_id: string }) => r.unit_id), ['cell']);
      // Reverted, then applied again: the same counts from the rows.
      await db.undoLastMigration({ transaction: 'each' });
      await db.query(`UPDATE tasks SET status = 'done' WHERE id = 't3'`);
      await migrate(db);
      assert.deepEqual(await counts(), [{ unit_id: 'owner', subjects: 2, done: 2 }]);
      assert.deepEqual(await open(), []);
    } finally {
      await db.destroy();
    }
  });
});
