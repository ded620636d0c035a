import type { MigrationInterface, QueryRunner } from 'typeorm';

// The completion tree at province size (issue #11 goal 5): `GET /cycles/:id/completion` counted
// every review and every late task of the cycle per request. Counters per (cycle, owning unit) let
// one level read a row or a few per unit of its subtree instead.
//
// - completion_review_counts: a unit's subjects (reviews neither withdrawn nor cancelled) and done
//   reviews, counted where the review is owned (owner_unit_id).
// - completion_open_tasks: open tasks with a due date, counted where they are owned (their review's
//   owner, else their own unit, as the completion tree and GET /overdue count them), one row per
//   (due_at, opens_at). Lateness moves with the clock, so it is not stored: "late now" is the sum of
//   the rows with due_at < now() and opens_at <= now(). Due and opening dates come from the cycle's
//   calendar (one per task kind, report tasks one per unit level), so a unit has a few such rows.
//
// Statement-level triggers on reviews and tasks catch every writer (projections, cancel sweeps,
// registry changes, report and calibration tasks, SQL by hand) in its own transaction. A statement's
// changes are summed per counter row (rows whose sum is zero are dropped: most review transitions
// change neither status class nor owner) and queued in completion_pending; a deferred trigger adds
// the queue to the counters when the transaction commits, in one statement per table, in key order.
// So a writer locks counter rows only while it commits, and always in the same order: 25 members of
// a cell acting at once queue for their cell's rows for the length of a commit, and an action moving
// a task from due date A to B cannot deadlock with one moving another from B to A, as it would if
// each statement updated the counters itself. Reads inside the writing transaction do not see its
// own changes in the counters (`SET CONSTRAINTS completion_pending_apply IMMEDIATE` applies them at
// each statement). The triggers assume a statement writes reviews or tasks, not both (no statement
// in the code does), and that ids do not change.
export class CompletionCounters1765600000000 implements MigrationInterface {
  name = 'CompletionCounters1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE completion_review_counts (
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        subjects int NOT NULL,
        done int NOT NULL,
        PRIMARY KEY (cycle_id, unit_id)
      ) WITH (fillfactor = 50); -- room on each page for updates in place (HOT): counters change, keys do not
      CREATE TABLE completion_open_tasks (
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        due_at timestamptz NOT NULL,
        opens_at timestamptz NOT NULL, -- '-infinity' for a task open from the start
        open int NOT NULL,
        PRIMARY KEY (cycle_id, unit_id, due_at, opens_at)
      ) WITH (fillfactor = 50);
      -- What a transaction has changed, until it commits (so always empty after: unlogged, no WAL).
      -- due_at NULL: a change to completion_review_counts; otherwise to completion_open_tasks.
      CREATE UNLOGGED TABLE completion_pending (
        txid bigint NOT NULL,
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        due_at timestamptz,
        opens_at timestamptz,
        subjects int NOT NULL DEFAULT 0,
        done int NOT NULL DEFAULT 0,
        open int NOT NULL DEFAULT 0
      );
      CREATE INDEX completion_pending_txid_idx ON completion_pending (txid);
      -- One row per transaction with changes queued: what the deferred trigger fires on, once.
      CREATE UNLOGGED TABLE completion_pending_tx (txid bigint PRIMARY KEY);
      ${functions()}
      CREATE CONSTRAINT TRIGGER completion_pending_apply AFTER INSERT ON completion_pending_tx
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION completion_apply_pending();
      CREATE TRIGGER reviews_completion_insert AFTER INSERT ON reviews REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION completion_count_reviews_insert();
      CREATE TRIGGER reviews_completion_update AFTER UPDATE ON reviews REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION completion_count_reviews_update();
      CREATE TRIGGER reviews_completion_delete AFTER DELETE ON reviews REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION completion_count_reviews_delete();
      CREATE TRIGGER reviews_completion_truncate AFTER TRUNCATE ON reviews FOR EACH STATEMENT EXECUTE FUNCTION completion_counts_rebuild();
      CREATE TRIGGER tasks_completion_insert AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION completion_count_tasks_insert();
      CREATE TRIGGER tasks_completion_update AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION completion_count_tasks_update();
      CREATE TRIGGER tasks_completion_delete AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION completion_count_tasks_delete();
      CREATE TRIGGER tasks_completion_truncate AFTER TRUNCATE ON tasks FOR EACH STATEMENT EXECUTE FUNCTION completion_counts_rebuild();
    `);
    // Existing cycles, counted once from the rows. CREATE TRIGGER holds off writers of both tables
    // until this transaction commits, so none slips between this count and the triggers.
    await q.query('SELECT completion_counts_fill()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER reviews_completion_insert ON reviews; DROP TRIGGER reviews_completion_update ON reviews;
      DROP TRIGGER reviews_completion_delete ON reviews; DROP TRIGGER reviews_completion_truncate ON reviews;
      DROP TRIGGER tasks_completion_insert ON tasks; DROP TRIGGER tasks_completion_update ON tasks;
      DROP TRIGGER tasks_completion_delete ON tasks; DROP TRIGGER tasks_completion_truncate ON tasks;
      DROP FUNCTION completion_count_reviews_insert(); DROP FUNCTION completion_count_reviews_update(); DROP FUNCTION completion_count_reviews_delete();
      DROP FUNCTION completion_count_tasks_insert(); DROP FUNCTION completion_count_tasks_update(); DROP FUNCTION completion_count_tasks_delete();
      DROP FUNCTION completion_counts_rebuild(); DROP FUNCTION completion_counts_fill();
      DROP TRIGGER completion_pending_apply ON completion_pending_tx; DROP FUNCTION completion_apply_pending();
      DROP FUNCTION completion_queue_pending();
      DROP TABLE completion_pending_tx; DROP TABLE completion_pending;
      DROP TABLE completion_open_tasks; DROP TABLE completion_review_counts;
    `);
  }
}

type Change = 'insert' | 'update' | 'delete';

/** The rows a statement changed (these columns), each with -1 (as it was) or +1 (as it is now). */
function changedRows(change: Change, columns: string): string {
  const rows = (table: string, delta: number) => `SELECT ${columns}, ${delta} AS delta FROM ${table}`;
  if (change === 'insert') return rows('new_rows', 1);
  if (change === 'delete') return rows('old_rows', -1);
  return `${rows('old_rows', -1)} UNION ALL ${rows('new_rows', 1)}`;
}

/**
 * For open tasks: which review they follow, as it was (-1) and as it is (+1). A task whose review
 * row is absent counts at its own unit, so a review inserted or deleted moves its tasks too; an
 * update moves them only when the review's owner (or cycle) changed.
 */
function reviewOwners(change: Change): string {
  const absent = (rows: string, delta: number) => `SELECT id, NULL::text AS cycle_id, NULL::text AS owner_unit_id, ${delta} AS delta FROM ${rows}`;
  const present = (rows: string, delta: number) => `SELECT id, cycle_id, owner_unit_id, ${delta} AS delta FROM ${rows}`;
  if (change === 'insert') return `${absent('new_rows', -1)} UNION ALL ${present('new_rows', 1)}`;
  if (change === 'delete') return `${present('old_rows', -1)} UNION ALL ${absent('old_rows', 1)}`;
  return `SELECT o.id, v.cycle_id, v.owner_unit_id, v.delta FROM old_rows o JOIN new_rows n ON n.id = o.id
            CROSS JOIN LATERAL (VALUES (o.cycle_id, o.owner_unit_id, -1), (n.cycle_id, n.owner_unit_id, 1)) v (cycle_id, owner_unit_id, delta)
           WHERE (o.cycle_id, o.owner_unit_id) IS DISTINCT FROM (n.cycle_id, n.owner_unit_id)`;
}

// Where a task counts: its review's owner (a review of the task's cycle), else the task's unit.
const TASK_OWNER = `COALESCE(CASE WHEN r.cycle_id = k.cycle_id THEN r.owner_unit_id END, k.unit_id)`;
const TASK_COUNTED = `k.status = 'open' AND k.due_at IS NOT NULL AND ${TASK_OWNER} IS NOT NULL`;
const TASK_KEY = `k.cycle_id, ${TASK_OWNER}, k.due_at, COALESCE(k.opens_at, '-infinity')`;
const QUEUE_OPEN_TASKS = `INSERT INTO completion_pending (txid, cycle_id, unit_id, due_at, opens_at, open)`;
const QUEUE_REVIEW_COUNTS = `INSERT INTO completion_pending (txid, cycle_id, unit_id, subjects, done)`;
const ADD_OPEN_TASKS = `INSERT INTO completion_open_tasks AS c (cycle_id, unit_id, due_at, opens_at, open)`;
const ON_OPEN_TASK = `ON CONFLICT (cycle_id, unit_id, due_at, opens_at) DO UPDATE SET open = c.open + EXCLUDED.open`;

const SUBJECT = `(status NOT IN ('withdrawn', 'cancelled'))::int`;
const DONE = `(status = 'done')::int`;
const ADD_REVIEW_COUNTS = `INSERT INTO completion_review_counts AS c (cycle_id, unit_id, subjects, done)`;
const ON_REVIEW_COUNT = `ON CONFLICT (cycle_id, unit_id) DO UPDATE SET subjects = c.subjects + EXCLUDED.subjects, done = c.done + EXCLUDED.done`;

function reviewsTrigger(change: Change): string {
  return `
    CREATE FUNCTION completion_count_reviews_${change}() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE queued int; moved int;
    BEGIN
      ${QUEUE_REVIEW_COUNTS}
      SELECT txid_current(), cycle_id, owner_unit_id, sum(delta * ${SUBJECT}), sum(delta * ${DONE})
        FROM (${changedRows(change, 'cycle_id, owner_unit_id, status')}) x
       GROUP BY 2, 3 HAVING sum(delta * ${SUBJECT}) <> 0 OR sum(delta * ${DONE}) <> 0;
      GET DIAGNOSTICS queued = ROW_COUNT;
      ${QUEUE_OPEN_TASKS}
      SELECT txid_current(), ${TASK_KEY}, sum(r.delta)
        FROM (${reviewOwners(change)}) r JOIN tasks k ON k.review_id = r.id
       WHERE ${TASK_COUNTED}
       GROUP BY 2, 3, 4, 5 HAVING sum(r.delta) <> 0;
      GET DIAGNOSTICS moved = ROW_COUNT;
      IF queued + moved > 0 THEN PERFORM completion_queue_pending(); END IF;
      RETURN NULL;
    END $fn$;`;
}

function tasksTrigger(change: Change): string {
  return `
    CREATE FUNCTION completion_count_tasks_${change}() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE queued int;
    BEGIN
      ${QUEUE_OPEN_TASKS}
      SELECT txid_current(), ${TASK_KEY}, sum(k.delta)
        FROM (${changedRows(change, 'cycle_id, review_id, unit_id, status, due_at, opens_at')}) k LEFT JOIN reviews r ON r.id = k.review_id
       WHERE ${TASK_COUNTED}
       GROUP BY 2, 3, 4, 5 HAVING sum(k.delta) <> 0;
      GET DIAGNOSTICS queued = ROW_COUNT;
      IF queued > 0 THEN PERFORM completion_queue_pending(); END IF;
      RETURN NULL;
    END $fn$;`;
}

function functions(): string {
  const changes: Change[] = ['insert', 'update', 'delete'];
  return `
    ${changes.map(reviewsTrigger).join('\n')}
    ${changes.map(tasksTrigger).join('\n')}
    -- The transaction has changes queued: the deferred trigger will add them up when it commits.
    CREATE FUNCTION completion_queue_pending() RETURNS void LANGUAGE sql AS $fn$
      INSERT INTO completion_pending_tx (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
    $fn$;
    -- At commit: the transaction's queue summed per counter row and added, each table in key order.
    CREATE FUNCTION completion_apply_pending() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      ${ADD_REVIEW_COUNTS}
      SELECT cycle_id, unit_id, sum(subjects), sum(done) FROM completion_pending WHERE txid = NEW.txid AND due_at IS NULL
       GROUP BY 1, 2 HAVING sum(subjects) <> 0 OR sum(done) <> 0 ORDER BY 1, 2
      ${ON_REVIEW_COUNT};
      ${ADD_OPEN_TASKS}
      SELECT cycle_id, unit_id, due_at, opens_at, sum(open) FROM completion_pending WHERE txid = NEW.txid AND due_at IS NOT NULL
       GROUP BY 1, 2, 3, 4 HAVING sum(open) <> 0 ORDER BY 1, 2, 3, 4
      ${ON_OPEN_TASK};
      DELETE FROM completion_pending WHERE txid = NEW.txid;
      DELETE FROM completion_pending_tx WHERE txid = NEW.txid; -- a later statement of the transaction queues (and fires) again
      RETURN NULL;
    END $fn$;
    -- Every counter from the rows themselves: the backfill, and after a TRUNCATE (tests' resets).
    CREATE FUNCTION completion_counts_fill() RETURNS void LANGUAGE sql AS $fn$
      DELETE FROM completion_pending WHERE txid = txid_current(); -- already in the rows counted below
      DELETE FROM completion_review_counts;
      DELETE FROM completion_open_tasks;
      ${ADD_REVIEW_COUNTS}
      SELECT cycle_id, owner_unit_id, sum(${SUBJECT}), sum(${DONE}) FROM reviews GROUP BY 1, 2;
      ${ADD_OPEN_TASKS}
      SELECT ${TASK_KEY}, count(*) FROM tasks k LEFT JOIN reviews r ON r.id = k.review_id WHERE ${TASK_COUNTED} GROUP BY 1, 2, 3, 4;
    $fn$;
    CREATE FUNCTION completion_counts_rebuild() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM completion_counts_fill();
      RETURN NULL;
    END $fn$;`;
}
