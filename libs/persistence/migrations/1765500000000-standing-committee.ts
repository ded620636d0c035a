import type { MigrationInterface, QueryRunner } from 'typeorm';

// The standing committee's extra review (issue #12, reg 366 Art. 10–11): a person may be flagged as
// managed by a higher unit's committee (none for everyone stored), and a review names the head of
// that committee while it has one, so the head sees the review (found through an index, as the
// reviewer is).
export class StandingCommittee1765500000000 implements MigrationInterface {
  name = 'StandingCommittee1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE people ADD COLUMN managed_by_unit_id text NULL REFERENCES units (id);`);
    await q.query(`ALTER TABLE reviews ADD COLUMN committee_reviewer_id text NULL;`);
    await q.query(`CREATE INDEX reviews_committee_reviewer_idx ON reviews (committee_reviewer_id, cycle_id) WHERE committee_reviewer_id IS NOT NULL;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reviews_committee_reviewer_idx;`);
    await q.query(`ALTER TABLE reviews DROP COLUMN committee_reviewer_id;`);
    await q.query(`ALTER TABLE people DROP COLUMN managed_by_unit_id;`);
  }
}
