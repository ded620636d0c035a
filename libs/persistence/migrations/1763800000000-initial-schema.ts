import type { MigrationInterface, QueryRunner } from 'typeorm';

// Committed migrations are never edited: a schema change is a new migration file.
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE units (
        id text PRIMARY KEY,
        parent_id text,
        name text NOT NULL,
        kind text NOT NULL,
        ancestor_ids text[] NOT NULL,
        head_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX units_parent_idx ON units (parent_id);
      CREATE INDEX units_ancestors_idx ON units USING gin (ancestor_ids);
      CREATE INDEX units_head_idx ON units (head_id);

      CREATE TABLE people (
        id text PRIMARY KEY,
        name text NOT NULL,
        unit_id text NOT NULL,
        position text NOT NULL,
        email text,
        discipline jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX people_unit_idx ON people (unit_id, id);

      CREATE TABLE accounts (
        id text PRIMARY KEY,
        username text NOT NULL UNIQUE,
        password_hash text,
        person_id text UNIQUE,
        roles jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE cycles (
        id text PRIMARY KEY,
        year int NOT NULL,
        root_unit_id text NOT NULL,
        title text NOT NULL,
        status text NOT NULL,
        policy jsonb NOT NULL,
        calendar jsonb NOT NULL,
        superior_reviewer_id text,
        subjects_total int NOT NULL,
        workflow_id text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason text,
        CONSTRAINT cycles_year_root_unique UNIQUE (year, root_unit_id)
      );

      CREATE TABLE reviews (
        id text PRIMARY KEY,
        cycle_id text NOT NULL,
        workflow_id text NOT NULL UNIQUE,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        subject_name text NOT NULL,
        unit_id text NOT NULL,
        owner_unit_id text NOT NULL,
        deciding_unit_id text,
        reviewer_id text NOT NULL,
        self_actor_id text NOT NULL,
        step text NOT NULL,
        status text NOT NULL,
        classification text,
        score double precision,
        due_at timestamptz,
        version int NOT NULL,
        state jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reviews_subject_unique UNIQUE (cycle_id, subject_type, subject_id)
      );
      CREATE INDEX reviews_cycle_idx ON reviews (cycle_id, id);
      CREATE INDEX reviews_cycle_step_idx ON reviews (cycle_id, step, status);
      CREATE INDEX reviews_owner_idx ON reviews (cycle_id, owner_unit_id, status);
      CREATE INDEX reviews_unit_idx ON reviews (cycle_id, unit_id);
      CREATE INDEX reviews_reviewer_idx ON reviews (reviewer_id);
      CREATE INDEX reviews_self_actor_idx ON reviews (self_actor_id);

      CREATE TABLE review_events (
        review_id text NOT NULL,
        seq int NOT NULL,
        at timestamptz NOT NULL,
        actor_id text NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (review_id, seq)
      );

      CREATE TABLE tasks (
        id text PRIMARY KEY,
        assignee_id text NOT NULL,
        kind text NOT NULL,
        cycle_id text NOT NULL,
        review_id text,
        unit_id text,
        subject jsonb,
        status text NOT NULL,
        due_at timestamptz,
        created_at timestamptz NOT NULL,
        completed_at timestamptz
      );
      CREATE INDEX tasks_inbox_idx ON tasks (assignee_id, status, created_at, id);
      CREATE INDEX tasks_review_open_idx ON tasks (review_id) WHERE status = 'open';
      CREATE INDEX tasks_cycle_open_idx ON tasks (cycle_id) WHERE status = 'open';

      CREATE TABLE reports (
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        parent_unit_id text,
        status text NOT NULL,
        head_id text,
        people jsonb NOT NULL,
        units jsonb NOT NULL,
        remediation_plans int NOT NULL DEFAULT 0,
        summary text,
        submitted_at timestamptz,
        submitted_by text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cycle_id, unit_id)
      );
      CREATE INDEX reports_parent_idx ON reports (cycle_id, parent_unit_id);

      CREATE TABLE audit_log (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_id text,
        action text NOT NULL,
        target text NOT NULL,
        request_id text NOT NULL,
        outcome text NOT NULL,
        status int NOT NULL,
        cycle_id text,
        unit_id text,
        detail text
      );
      CREATE INDEX audit_cycle_idx ON audit_log (cycle_id, seq);
      CREATE INDEX audit_actor_idx ON audit_log (actor_id, seq);
      CREATE INDEX audit_at_idx ON audit_log (at);

      CREATE TABLE idempotency_records (
        actor_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL,
        response_status int,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (actor_id, key)
      );

      CREATE TABLE workflow_histories (
        workflow_id text PRIMARY KEY,
        run_id text NOT NULL,
        event_count int NOT NULL,
        history bytea NOT NULL,
        archived_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE workflow_histories; DROP TABLE idempotency_records; DROP TABLE audit_log;
      DROP TABLE reports; DROP TABLE tasks; DROP TABLE review_events; DROP TABLE reviews;
      DROP TABLE cycles; DROP TABLE accounts; DROP TABLE people; DROP TABLE units;
    `);
  }
}
