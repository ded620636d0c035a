import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { download, pdfText } from '../support/downloads.js';
import { buildOrg, type OrgFixture } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { allReviews, completeReview, launchCycle } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

/** One unit, its secretary and one member: a cycle over it has one subject, the member. */
const smallOrg = (label: string): OrgFixture =>
  buildOrg(uniquePrefix(label), {
    id: 'U',
    people: [
      ['sec', 'secretary'],
      ['mem', 'member'],
    ],
  });

describe('cycle periods (issue #12): quarterly, term and ad hoc cycles next to the yearly one', () => {
  let app: TestApp;
  let people: Participants;
  const launches = smallOrg('e2e-per');
  const flow = smallOrg('e2e-per-q');

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    ok(await app.admin.post('/org/import', launches.payload));
    ok(await app.admin.post('/org/import', flow.payload));
  });
  after(() => app?.stop());

  it('allows one cycle per (year, root unit, period) and refuses the same period twice with 409', async () => {
    // In order, over the same root unit and year: each row's answer given the rows before it.
    const rows: Array<[string, Record<string, unknown> | undefined, number]> = [
      ['the first quarter', { kind: 'quarter', quarter: 1 }, 201],
      ['another quarter of the same year', { kind: 'quarter', quarter: 2 }, 201],
      ['the first quarter again', { kind: 'quarter', quarter: 1 }, 409],
      ['the year next to its quarters (no period: the year)', undefined, 201],
      ['the year named explicitly, a second time', { kind: 'year' }, 409],
      ['the term', { kind: 'term' }, 201],
      ['the term again', { kind: 'term' }, 409],
      ['an ad hoc review', { kind: 'ad_hoc', title: 'Kiểm tra đột xuất' }, 201],
      ['the same ad hoc review, other case and spaces', { kind: 'ad_hoc', title: ' kiểm tra ĐỘT XUẤT ' }, 409],
      ['another ad hoc review', { kind: 'ad_hoc', title: 'Rà soát sau sáp nhập' }, 201],
    ];
    const created: Array<{ id: string; period: unknown }> = [];
    for (const [what, period, status] of rows) {
      const res = await app.admin.post('/cycles', { year: 2031, rootUnitId: launches.rootId, ...(period ? { period } : {}) });
      if (status === 201) created.push({ id: ok(res, 201).id, period: period ?? { kind: 'year' } });
      else assertProblem(res, status);
      assert.equal(res.status, status, what);
    }
    // Each cycle shows its period, the yearly one the default; the list has one per period.
    for (const { id, period } of created) assert.deepEqual(ok(await app.admin.get(`/cycles/${id}`)).period, period);
    const listed = ok(await app.admin.get('/cycles?year=2031&limit=500')).items.filter((c: { rootUnitId: string }) => c.rootUnitId === launches.rootId);
    assert.deepEqual(listed.map((c: { id: string }) => c.id).sort(), created.map((c) => c.id).sort());
    // Filtered by the kind of period: the two quarters, or the year alone; an unknown kind is a 400 naming it.
    const ofKind = async (kind: string) =>
      ok(await app.admin.get(`/cycles?year=2031&periodKind=${kind}&limit=500`)).items.filter((c: { rootUnitId: string }) => c.rootUnitId === launches.rootId);
    assert.deepEqual((await ofKind('quarter')).map((c: { period: { quarter: number } }) => c.period.quarter).sort(), [1, 2]);
    assert.deepEqual((await ofKind('year')).map((c: { period: unknown }) => c.period), [{ kind: 'year' }]);
    assertProblem(await app.admin.get('/cycles?periodKind=month'), 400, ['periodKind']);
    const quarter1 = listed.find((c: { period: { quarter?: number } }) => c.period.quarter === 1);
    assert.equal(quarter1.title, 'Review Q1/2031');
    // A quarter's default calendar falls in its three months.
    assert.equal(quarter1.calendar.reviewDueAt, '2031-03-31T23:59:59.000Z');
    for (const { id } of created) ok(await app.admin.post(`/cycles/${id}/cancel`, { reason: 'Test over' }));
  });

  it('rejects a malformed period with 400 naming the field', async () => {
    const rows: Array<[string, unknown, string]> = [
      ['an unknown kind', { kind: 'month' }, 'period.kind'],
      ['no kind', {}, 'period.kind'],
      ['quarter 5', { kind: 'quarter', quarter: 5 }, 'period.quarter'],
      ['quarter 0', { kind: 'quarter', quarter: 0 }, 'period.quarter'],
      ['a quarter without its number', { kind: 'quarter' }, 'period.quarter'],
      ['a fractional quarter', { kind: 'quarter', quarter: 1.5 }, 'period.quarter'],
      ['ad_hoc without a title', { kind: 'ad_hoc' }, 'period.title'],
      ['ad_hoc with a blank title', { kind: 'ad_hoc', title: '   ' }, 'period.title'],
      ['a quarter number on the year', { kind: 'year', quarter: 2 }, 'period.quarter'],
      ['a period that is not an object', 'quarter', 'period'],
    ];
    for (const [what, period, field] of rows) {
      const res = await app.admin.post('/cycles', { year: 2032, rootUnitId: launches.rootId, period });
      assert.equal(res.status, 400, `${what}: ${JSON.stringify(res.body)}`);
      assertProblem(res, 400, [field]);
    }
    assert.equal(ok(await app.admin.get('/cycles?year=2032&limit=500')).items.filter((c: { rootUnitId: string }) => c.rootUnitId === launches.rootId).length, 0);
  });

  it("shows the subject's quarterly results of the year on its yearly review, to the reviewer", async () => {
    const memberReview = async (cycleId: string) => {
      const reviews = await allReviews(app.admin, cycleId);
      assert.equal(reviews.length, 1);
      assert.equal(reviews[0]!.subject.id, flow.id('mem'));
      return reviews[0]!;
    };
    const quarterly = async (quarter: number) => launchCycle(app.admin, flow.rootId, { period: { kind: 'quarter', quarter } });

    const q1Cycle = await quarterly(1);
    const q1 = await memberReview(q1Cycle);
    await completeReview(people, q1, 'good');
    const q2 = await memberReview(await quarterly(2));
    await completeReview(people, q2, 'completed');
    await memberReview(await quarterly(3)); // still open: no result yet

    const yearlyId = await launchCycle(app.admin, flow.rootId); // no period: the year
    const yearly = await memberReview(yearlyId);
    const reviewer = await people.as(yearly.reviewerId);
    const seen = ok(await reviewer.get(`/reviews/${yearly.id}`));
    assert.deepEqual(
      seen.quarterlyResults.map((r: { quarter: number; classification: string; reviewId: string }) => [r.quarter, r.classification, r.reviewId]),
      [
        [1, 'good', q1.id],
        [2, 'completed', q2.id],
      ],
    );
    assert.deepEqual(ok(await app.admin.get(`/cycles/${yearlyId}`)).period, { kind: 'year' });
    // An action answers with the review as GET shows it, the quarterly results included.
    const assigned = ok(await reviewer.post(`/reviews/${yearly.id}/targets`, { targets: [{ title: 'Tasks of the year', weight: 100 }] }));
    assert.deepEqual(assigned.quarterlyResults, seen.quarterlyResults);
    // A quarterly review has no such list.
    assert.equal('quarterlyResults' in ok(await reviewer.get(`/reviews/${q1.id}`)), false);
    // The printed report upward names its period.
    const reportPdf = async (cycleId: string, lang: string) =>
      pdfText((await download(app.admin, `/cycles/${cycleId}/units/${flow.rootId}/report.pdf?lang=${lang}`)).bytes).replace(/\s+/g, ' ');
    const year = ok(await app.admin.get(`/cycles/${yearlyId}`)).year;
    assert.match(await reportPdf(q1Cycle, 'vi'), new RegExp(`XẾP LOẠI CHẤT LƯỢNG QUÝ 1 NĂM ${year}`));
    assert.match(await reportPdf(q1Cycle, 'en'), new RegExp(`QUARTERLY REVIEW AND CLASSIFICATION, Q1/${year}`));
    assert.match(await reportPdf(yearlyId, 'vi'), new RegExp(`XẾP LOẠI CHẤT LƯỢNG NĂM ${year}`));
  });
});
