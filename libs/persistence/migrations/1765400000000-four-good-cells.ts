import type { MigrationInterface, QueryRunner } from 'typeorm';

// "Four good cells" (issue #12): a cycle may attach a criteria set to its cells' collective
// reviews (null: none, as every cycle before), and each report counts the cells rated "four good"
// in its subtree, rolled up like its other figures (0 of 0 for every report written before).
export class FourGoodCells1765400000000 implements MigrationInterface {
  name = 'FourGoodCells1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cycles ADD COLUMN cell_criteria text;
      ALTER TABLE reports ADD COLUMN four_good_cells jsonb NOT NULL DEFAULT '{"achieved":0,"total":0}';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE reports DROP COLUMN four_good_cells;
      ALTER TABLE cycles DROP COLUMN cell_criteria;
    `);
  }
}
