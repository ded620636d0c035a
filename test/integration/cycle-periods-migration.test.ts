import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '../../libs/persistence/data-source.js';
import { CyclePeriods1765200000000 } from '../../libs/persistence/migrations/1765200000000-cycle-periods.js';
import { schemaBefore, scratchDatabase } from '../support/scratch-database.js';

// Cycles stored before periods (issue #12) become year cycles, and the unique constraint moves from
// (year, root) to (year, root, period key): a quarter beside the year is allowed, a second year is not.
describe('the cycle periods migration', () => {
  const databaseUrl = scratchDatabase('cycle_periods');

  it('keeps existing cycles as year cycles and makes one cycle per (year, root unit, period)', async () => {
    const insert = (db: DataSource, id: string, extra = '', values: unknown[] = []) =>
      db.query(
        `INSERT INTO cycles (id, year, root_unit_id, title, status, policy, calendar, subjects_total, workflow_id, created_by${extra ? `, ${extra}` : ''})
         VALUES ($1, 2026, 'root', 'Old', 'completed', '{"ruleSet":"reg-366-2025"}', '{}', 1, $1, 'admin'${values.map((_, i) => `, $${i + 2}`).join('')})`,
        [id, ...values],
      );
    const old = await schemaBefore(databaseUrl, CyclePeriods1765200000000);
    await insert(old, 'old-year');
    await old.destroy();

    const db = createDataSource({ url: databaseUrl, poolSize: 2 });
    await db.initialize();
    try {
      await migrate(db);
      assert.deepEqual(await db.query(`SELECT period, period_key FROM cycles WHERE id = 'old-year'`), [{ period: { kind: 'year' }, period_key: 'year' }]);
      await insert(db, 'q1', 'period, period_key', [{ kind: 'quarter', quarter: 1 }, 'quarter:1']);
      await insert(db, 'q2', 'period, period_key', [{ kind: 'quarter', quarter: 2 }, 'quarter:2']);
      await assert.rejects(insert(db, 'q1-again', 'period, period_key', [{ kind: 'quarter', quarter: 1 }, 'quarter:1']), { code: '23505', constraint: 'cycles_period_root_unique' });
      await assert.rejects(insert(db, 'year-again'), { code: '23505', constraint: 'cycles_period_root_unique' });
    } finally {
      await db.destroy();
    }
  });
});
