import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { download, pdfText } from '../support/downloads.js';
import { buildOrg } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { allReviews, completeReview, eventually, launchCycle, reviewHistory, type ReviewSummary } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';
import { cycleBody } from '../support/cycle-body.js';

const ACHIEVED = { politicalTasks: 'achieved', activityQuality: 'achieved', solidarityDiscipline: 'achieved', cadresAndMembers: 'achieved' } as const;

// Issue #12, "four good cells" (Resolution 21-NQ/TW, seed 003): a cycle launched with
// cellCriteria four_good has its cells' collective reviews rated on four criteria when approved,
// and each report counts "N of M cells achieved four good", rolled up level by level.
describe('four good cells through the HTTP API', () => {
  let app: TestApp;
  let people: Participants;
  // D (d-sec) → G (g-sec) → C1 (c1-sec), C2 (c2-sec): six reviews, two of them cells' collectives.
  const org = buildOrg(uniquePrefix('four-good'), {
    id: 'D',
    kind: 'district',
    people: [['d-sec', 'secretary']],
    children: [
      {
        id: 'G',
        kind: 'grassroots',
        people: [['g-sec', 'secretary']],
        children: [
          { id: 'C1', kind: 'cell', people: [['c1-sec', 'secretary']] },
          { id: 'C2', kind: 'cell', people: [['c2-sec', 'secretary']] },
        ],
      },
    ],
  });
  let cycleId: string;
  let reviews: ReviewSummary[];
  const reviewOf = (local: string, type: string) => reviews.find((r) => r.subject.id === org.id(local) && r.subject.type === type)!;
  const reportPath = (unit: string, suffix = '') => `/cycles/${cycleId}/units/${org.id(unit)}/report${suffix}`;

  /** Targets and a self-assessment, so the review waits for its superior review. */
  async function toSuperiorReview(review: ReviewSummary): Promise<void> {
    ok(await (await people.as(review.reviewerId)).post(`/reviews/${review.id}/targets`, { targets: [{ title: 'Tasks of the year', weight: 100 }] }));
    ok(
      await (await people.as(review.selfActorId)).post(`/reviews/${review.id}/self-assessment`, {
        results: [{ targetIndex: 0, achievement: 90 }],
        generalScore: 26,
        proposedClassification: 'good',
        summary: 'Done as planned',
      }),
    );
  }
  const approve = async (review: ReviewSummary, extra: Record<string, unknown> = {}) =>
    (await people.as(review.reviewerId)).post(`/reviews/${review.id}/review`, { decision: 'approve', classification: 'good', comment: 'Agreed', ...extra });

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    ok(await app.admin.post('/org/import', org.payload));
    cycleId = await launchCycle(app.admin, org.rootId, { cellCriteria: 'four_good' });
    reviews = await allReviews(app.admin, cycleId);
    assert.equal(reviews.length, 6);
  });
  after(() => app?.stop());

  it('stores the option with the cycle, defaults to none and refuses an unknown set naming cellCriteria', async () => {
    assert.equal(ok(await app.admin.get(`/cycles/${cycleId}`)).cellCriteria, 'four_good');
    assertProblem(await app.admin.post('/cycles', cycleBody(org.rootId, { year: 2090, cellCriteria: 'five_good' })), 400, ['cellCriteria']);
    const single = buildOrg(uniquePrefix('four-good-none'), { id: 'X', kind: 'cell', people: [['x-sec', 'secretary'], ['x-mem', 'member']] });
    ok(await app.admin.post('/org/import', single.payload));
    const plain = ok(await app.admin.post('/cycles', cycleBody(single.rootId)), 201);
    assert.equal(ok(await app.admin.get(`/cycles/${plain.id}`)).cellCriteria, null);
  });

  it("attaches the set to the cells' collective reviews only", () => {
    for (const [local, type, set] of [
      ['C1', 'unit', 'four_good'],
      ['C2', 'unit', 'four_good'],
      ['G', 'unit', null],
      ['c1-sec', 'person', null],
      ['g-sec', 'person', null],
    ] as const) {
      assert.equal((reviewOf(local, type) as unknown as { cellCriteria: string | null }).cellCriteria, set, `${type} ${local}`);
    }
  });

  it('attaches the set to a cell added while the cycle runs', async () => {
    const grown = buildOrg(uniquePrefix('four-good-new'), { id: 'G', kind: 'grassroots', people: [['g-sec', 'secretary']], children: [{ id: 'C', kind: 'cell', people: [['c-sec', 'secretary']] }] });
    ok(await app.admin.post('/org/import', grown.payload));
    const grownCycle = await launchCycle(app.admin, grown.rootId, { cellCriteria: 'four_good' });
    ok(
      await app.admin.post('/org/import', {
        units: [{ id: grown.id('N'), parentId: grown.rootId, name: 'Unit N', kind: 'cell' }],
        people: [{ id: grown.id('n-sec'), name: 'Person n-sec', unitId: grown.id('N'), position: 'secretary' }],
      }),
    );
    const added = await eventually(async () => {
      const review = (await allReviews(app.admin, grownCycle)).find((r) => r.subject.type === 'unit' && r.subject.id === grown.id('N'));
      assert.ok(review, 'the new cell has no review yet');
      return review as ReviewSummary & { cellCriteria: string | null };
    });
    assert.equal(added.cellCriteria, 'four_good');
  });

  it('requires the rating to approve a cell (400 naming fourGood), refuses it elsewhere, and records it in the review and its history', async () => {
    const c1 = reviewOf('C1', 'unit');
    const c2 = reviewOf('C2', 'unit');
    await toSuperiorReview(c1);
    await toSuperiorReview(c2);
    assertProblem(await approve(c1), 400, ['fourGood']);
    assertProblem(await approve(c1, { fourGood: { ...ACHIEVED, overall: 'achieved' } }), 400, ['fourGood.overall']);
    assertProblem(await approve(c1, { fourGood: { ...ACHIEVED, politicalTasks: 'maybe' } }), 400, ['fourGood.politicalTasks']);
    assertProblem(await (await people.as(c1.reviewerId)).post(`/reviews/${c1.id}/review`, { decision: 'return', comment: 'Redo', fourGood: ACHIEVED }), 400, ['fourGood']);

    const person = reviewOf('c1-sec', 'person');
    await toSuperiorReview(person);
    assertProblem(await approve(person, { fourGood: ACHIEVED }), 400, ['fourGood']);
    ok(await approve(person));

    const rated = ok(await approve(c1, { fourGood: ACHIEVED }));
    assert.equal(rated.step, 'done');
    assert.deepEqual(rated.review.fourGood, { ...ACHIEVED, overall: 'achieved' });
    const notAll = ok(await approve(c2, { fourGood: { ...ACHIEVED, solidarityDiscipline: 'not_achieved' } }));
    assert.equal(notAll.review.fourGood.overall, 'not_achieved');
    assert.deepEqual(ok(await app.admin.get(`/reviews/${c2.id}`)).review.fourGood, notAll.review.fourGood);
    const approved = (await reviewHistory(app.admin, c1.id)).find((e) => e.type === 'review.approved')!;
    assert.deepEqual(approved.data.fourGood, { ...ACHIEVED, overall: 'achieved' });
    assert.equal(approved.actorId, c1.reviewerId);
  });

  it('counts "N of M cells achieved four good" in each report, rolled up, and in its PDF and XLSX', async () => {
    // While G collects, its figures so far already count the two rated cells.
    assert.deepEqual(ok(await app.admin.get(reportPath('G'))).fourGoodCells, { achieved: 1, total: 2 });
    for (const review of reviews.filter((r) => ['g-sec', 'c2-sec', 'G'].some((l) => r.subject.id === org.id(l)))) await completeReview(people, review, 'good');
    for (const [unit, head] of [['C1', 'c1-sec'], ['C2', 'c2-sec'], ['G', 'g-sec']] as const) {
      await eventually(async () => assert.equal(ok(await app.admin.get(reportPath(unit))).status, 'ready'));
      assert.deepEqual(ok(await app.admin.get(reportPath(unit))).fourGoodCells, unit === 'G' ? { achieved: 1, total: 2 } : { achieved: 0, total: 0 }, unit);
      ok(await (await people.as(org.id(head))).post(reportPath(unit), { summary: `${unit} report` }));
    }
    const district = await eventually(async () => {
      const report = ok(await app.admin.get(reportPath('D')));
      assert.equal(report.status, 'ready');
      return report;
    });
    assert.deepEqual(district.fourGoodCells, { achieved: 1, total: 2 }, "the district counts its grassroots unit's cells");

    const pdf = pdfText((await download(app.admin, reportPath('D', '.pdf'))).bytes);
    assert.ok(pdf.includes('Chi bộ đạt "4 tốt": 1/2 chi bộ được đánh giá'), pdf);
    const english = pdfText((await download(app.admin, reportPath('D', '.pdf?lang=en'))).bytes);
    assert.ok(english.includes('Cells that achieved "four good": 1 of 2 cells rated'), english);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(app.admin, reportPath('D', '.xlsx'))).bytes as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    book.getWorksheet('Báo cáo')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    assert.ok(rows.some((r) => String(r[0]).startsWith('Chi bộ đạt "4 tốt"') && r[1] === 1 && r[2] === 2), JSON.stringify(rows));
  });
});
