import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { CLASSIFICATION_LABELS_VI, CLASSIFICATIONS } from '../../libs/domain/classification.js';
import type { ApiClient } from '../support/api-client.js';
import { download, pdfText, type Download } from '../support/downloads.js';
import { threeLevelOrg } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { allReviews, completeReview, eventually, launchCycle, type ReviewSummary } from '../support/review-driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "84,62%": the JSON report's two decimals with a decimal comma. */
const vnPercent = (value: number) => `${value.toFixed(2).replace('.', ',')}%`;

function assertProblemDownload(res: Download, status: number): void {
  assert.equal(res.status, status, res.bytes.toString('utf8'));
  assert.equal(res.problem?.status, status);
}

async function workbookOf(res: Download): Promise<ExcelJS.Workbook> {
  assert.equal(res.status, 200, res.bytes.toString('utf8'));
  assert.equal(res.contentType, XLSX);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.bytes as unknown as ArrayBuffer);
  return book;
}

/** Every entry GET /audit lists for these filters, all pages. */
async function auditEntries(admin: ApiClient, query: string): Promise<Array<Record<string, any>>> {
  const out: Array<Record<string, any>> = [];
  let cursor: string | null = null;
  do {
    const page: { items: Array<Record<string, any>>; nextCursor: string | null } = ok(await admin.get(`/audit?limit=500&${query}${cursor ? `&cursor=${cursor}` : ''}`));
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('documents out: report PDF and XLSX, review record PDF, audit CSV', () => {
  let app: TestApp;
  let people: Participants;
  // P (province) → D (district) → G (grassroots), with Vietnamese names the PDF font must print.
  const org = threeLevelOrg(uniquePrefix('e2e-doc'));
  const names: Record<string, string> = { P: 'Tỉnh ủy Nam Định', D: 'Huyện ủy Ý Yên', G: 'Đảng ủy xã Yên Đồng' };
  for (const unit of org.payload.units) unit.name = names[unit.id.split('-').at(-1)!] ?? unit.name;
  const other = threeLevelOrg(uniquePrefix('e2e-doc-other'));
  const title = 'Kiểm điểm năm 2026 — thử nghiệm';
  let cycleId: string;
  let reviews: ReviewSummary[];
  const reportPath = (unit: string, suffix = '') => `/cycles/${cycleId}/units/${org.id(unit)}/report${suffix}`;
  const as = (local: string) => people.as(org.id(local));
  const reviewOf = (local: string) => reviews.find((r) => r.subject.id === org.id(local))!;

  const readyReport = (unit: string) =>
    eventually(async () => {
      const report = ok(await app.admin.get(reportPath(unit)));
      assert.equal(report.status, 'ready');
      return report;
    });

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    ok(await app.admin.post('/org/import', org.payload));
    ok(await app.admin.post('/org/import', other.payload));
    cycleId = await launchCycle(app.admin, org.rootId, { year: 2026, title });
    reviews = await allReviews(app.admin, cycleId);
    // One member "completed" (with a remediation plan), everyone else "good": percentages with decimals.
    for (const review of reviews) await completeReview(people, review, review.subject.id === org.id('g-mem1') ? 'completed' : 'good');
    await readyReport('G');
    ok(await (await as('g-sec')).post(reportPath('G'), { summary: 'Báo cáo của xã' }));
    await readyReport('D');
    ok(await (await as('d-sec')).post(reportPath('D'), { summary: 'Báo cáo của huyện' }));
    await readyReport('P');
    ok(await (await as('p-sec')).post(reportPath('P'), { summary: 'Báo cáo của tỉnh' }));
  });
  after(() => app?.stop());

  it('prints the report as an A4 PDF with the Vietnamese headings and the JSON report’s figures', async () => {
    // The province's figures have decimals (6 of 7 members good: 85,71%).
    const province = ok(await app.admin.get(reportPath('P')));
    const provinceText = pdfText((await download(app.admin, reportPath('P', '.pdf'))).bytes);
    for (const c of CLASSIFICATIONS) assert.ok(provinceText.includes(vnPercent(province.percentages.people[c])), `${c} ${province.percentages.people[c]}`);
    assert.ok(provinceText.includes('85,71%') && provinceText.includes('14,29%'), provinceText);

    const report = ok(await app.admin.get(reportPath('D')));
    const res = await download(app.admin, reportPath('D', '.pdf'));
    assert.equal(res.status, 200);
    assert.equal(res.contentType, PDF);
    assert.match(res.disposition ?? '', /^attachment; filename=".*\.pdf"/);
    assert.equal(res.bytes.subarray(0, 5).toString(), '%PDF-');
    const text = pdfText(res.bytes);
    for (const expected of [names.D, names.P, title, '2026', 'reg-366-2025', 'Hoàn thành tốt nhiệm vụ trở lên', 'Báo cáo của huyện', names.G, ...Object.values(CLASSIFICATION_LABELS_VI)]) {
      assert.ok(text.includes(expected), `missing "${expected}" in:\n${text}`);
    }
    // Each classification line: its label, the count and the percentage as the JSON report has them.
    for (const c of CLASSIFICATIONS) {
      const line = new RegExp(`^\\s*${CLASSIFICATION_LABELS_VI[c]}\\s+${report.people[c]}\\s+${vnPercent(report.percentages.people[c]).replace('%', '\\%')}`, 'm');
      assert.match(text, line);
    }
    // "Good or better" as the JSON report gives it: excellent + good, its percent the sum of theirs.
    assert.equal(report.goodOrBetter.people.count, report.people.excellent + report.people.good);
    assert.match(text, new RegExp(`tốt nhiệm vụ trở lên\\s+${report.goodOrBetter.people.count}\\s+${vnPercent(report.goodOrBetter.people.percent).replace('%', '\\%')}`));
    const submitted = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(report.submittedAt));
    assert.ok(text.includes(`Person d-sec`) && text.includes(submitted), `submitter and ${submitted} missing`);
    assert.ok(text.includes(`Số kế hoạch khắc phục hạn chế, khuyết điểm: ${report.remediationPlans}`));

    const english = pdfText((await download(app.admin, reportPath('D', '.pdf?lang=en'))).bytes);
    assert.ok(english.includes('Well completed or better'));
    assert.ok(english.includes(`${report.percentages.people.good.toFixed(2)}%`));
  });

  it('exports the report as XLSX with the JSON report’s counts and the subjects it counts', async () => {
    const report = ok(await app.admin.get(reportPath('D')));
    const book = await workbookOf(await download(app.admin, reportPath('D', '.xlsx')));
    assert.deepEqual(book.worksheets.map((s) => s.name), ['Báo cáo', 'Đối tượng']);
    const sheet = book.getWorksheet('Báo cáo')!;
    const countsByLabel = new Map<string, number[]>();
    sheet.eachRow((row) => {
      const label = String(row.getCell(1).value ?? '');
      if (typeof row.getCell(2).value === 'number') countsByLabel.set(label, [...(countsByLabel.get(label) ?? []), row.getCell(2).value as number]);
    });
    for (const c of CLASSIFICATIONS) assert.deepEqual(countsByLabel.get(CLASSIFICATION_LABELS_VI[c]), [report.people[c], report.units[c]], c);

    const subjects = book.getWorksheet('Đối tượng')!;
    const counted = { person: new Map<string, number>(), unit: new Map<string, number>() };
    subjects.eachRow((row, n) => {
      if (n === 1) return;
      const type = row.getCell(3).value === 'Cá nhân' ? 'person' : 'unit';
      const label = String(row.getCell(7).value ?? '');
      counted[type].set(label, (counted[type].get(label) ?? 0) + 1);
    });
    for (const c of CLASSIFICATIONS) {
      assert.equal(counted.person.get(CLASSIFICATION_LABELS_VI[c]) ?? 0, report.people[c], `people ${c}`);
      assert.equal(counted.unit.get(CLASSIFICATION_LABELS_VI[c]) ?? 0, report.units[c], `units ${c}`);
    }
  });

  it('exports a whole subtree as one XLSX with a sheet per level', async () => {
    const book = await workbookOf(await download(app.admin, reportPath('P', '.xlsx?scope=subtree')));
    assert.deepEqual(book.worksheets.map((s) => s.name), ['Báo cáo', 'Cấp tỉnh', 'Cấp huyện', 'Cấp cơ sở']);
    const district = book.getWorksheet('Cấp huyện')!;
    const d = ok(await app.admin.get(reportPath('D')));
    const row = district.getRow(2);
    assert.equal(row.getCell(1).value, org.id('D'));
    assert.deepEqual([5, 6, 7, 8, 9].map((i) => row.getCell(i).value), [d.people.excellent, d.people.good, d.people.completed, d.people.not_completed, d.people.total]);
    // Every subject appears once, on the sheet of its own unit's level.
    const subjectIds = new Set(reviews.map((r) => r.subject.id));
    const listed: unknown[] = [];
    for (const sheet of book.worksheets.slice(1)) sheet.eachRow((r) => void (subjectIds.has(String(r.getCell(1).value)) && ['Cá nhân', 'Tập thể'].includes(String(r.getCell(3).value)) && listed.push(r.getCell(1).value)));
    assert.equal(listed.length, reviews.length);
  });

  it('prints a review’s record with targets, scores, the decision, the plan and the history’s actors', async () => {
    const review = reviewOf('g-mem1');
    const res = await download(app.admin, `/reviews/${review.id}/record.pdf`);
    assert.equal(res.status, 200);
    assert.equal(res.contentType, PDF);
    const text = pdfText(res.bytes);
    for (const expected of ['PHIẾU KIỂM ĐIỂM', 'Tasks of the year', 'Agreed', 'Done as planned', 'Improve', 'Person g-sec', 'Person g-mem1', names.G, 'Hoàn thành nhiệm vụ', 'Lịch sử', 'targets.assigned', 'review.approved', '30/06/2027']) {
      assert.ok(text.includes(expected), `missing "${expected}" in:\n${text}`);
    }
    // Its reviewer may read the review but not its history: the record says so instead of listing it.
    const byReviewer = pdfText((await download(await people.as(review.reviewerId), `/reviews/${review.id}/record.pdf`)).bytes);
    assert.ok(byReviewer.includes('Tasks of the year') && !byReviewer.includes('targets.assigned'));
  });

  it('exports the audit trail as CSV: BOM, every entry GET /audit pages through, filters honoured', async () => {
    const expected = await auditEntries(app.admin, `cycleId=${cycleId}`);
    const res = await download(app.admin, `/audit.csv?cycleId=${cycleId}`);
    assert.equal(res.status, 200);
    assert.match(res.contentType ?? '', /^text\/csv; charset=utf-8/);
    assert.deepEqual([...res.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(res.bytes.subarray(3).toString('utf8'));
    const [header, ...entries] = rows;
    assert.equal(header![1], 'Thời gian (giờ Việt Nam)');
    assert.equal(entries.length, expected.length);
    assert.deepEqual(entries.map((e) => Number(e[0])), expected.map((e) => e.seq));
    assert.deepEqual(entries.map((e) => e[2]), expected.map((e) => e.at));
    for (const e of entries) assert.match(e[1]!, /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

    const rejected = await auditEntries(app.admin, `cycleId=${cycleId}&outcome=rejected`);
    const filtered: string[][] = parse((await download(app.admin, `/audit.csv?cycleId=${cycleId}&outcome=rejected&lang=en`)).bytes.subarray(3).toString('utf8'));
    assert.equal(filtered[0]![0], 'seq');
    assert.equal(filtered.length - 1, rejected.length);
    assert.ok(filtered.slice(1).every((e) => e[7] === 'rejected'));
  });

  it('refuses downloads exactly as the JSON endpoints they mirror', async () => {
    const outsider = await people.as(other.id('p-sec'));
    const member = await as('g-mem2');
    assertProblem(await outsider.get(reportPath('G')), 404);
    assertProblemDownload(await download(outsider, reportPath('G', '.pdf')), 404);
    assertProblemDownload(await download(outsider, reportPath('G', '.xlsx')), 404);
    assertProblemDownload(await download(member, reportPath('G', '.pdf')), 404);
    assertProblemDownload(await download(app.admin, `/cycles/${cycleId}/units/${org.prefix}-none/report.pdf`), 404);
    assertProblemDownload(await download(app.admin, reportPath('G', '.pdf?lang=fr')), 400);
    assertProblemDownload(await download(app.admin, reportPath('G', '.xlsx?scope=world')), 400);
    const review = reviewOf('g-mem1');
    assertProblem(await outsider.get(`/reviews/${review.id}`), 404);
    assertProblemDownload(await download(outsider, `/reviews/${review.id}/record.pdf`), 404);
    assertProblemDownload(await download(app.admin, `/reviews/${org.prefix}-none/record.pdf`), 404);
    assertProblem(await member.get('/audit'), 403);
    assertProblemDownload(await download(member, '/audit.csv'), 403);
    assertProblemDownload(await download(app.admin, '/audit.csv?outcome=maybe'), 400);
    // The head of a unit above may download what it may read.
    assert.equal((await download(await as('d-sec'), reportPath('G', '.pdf'))).status, 200);
  });

  it('declares every download in the OpenAPI document with its content type', async () => {
    const doc = ok(await app.http.get('/docs-json'));
    const produced = (path: string) => Object.keys(doc.paths[`/api/v1${path}`]?.get?.responses?.['200']?.content ?? {});
    assert.ok(produced('/cycles/{cycleId}/units/{unitId}/report.pdf').includes(PDF));
    assert.ok(produced('/cycles/{cycleId}/units/{unitId}/report.xlsx').includes(XLSX));
    assert.ok(produced('/reviews/{id}/record.pdf').includes(PDF));
    assert.ok(produced('/audit.csv').includes('text/csv'));
    assert.ok(doc.paths['/api/v1/audit.csv'].get.parameters.some((p: { name: string }) => p.name === 'outcome'));
  });

  it('leaves an audit entry for every download, accepted or refused', async () => {
    const outsider = await people.as(other.id('p-sec'));
    const review = reviewOf('g-sec');
    await download(app.admin, reportPath('G', '.pdf'));
    await download(app.admin, reportPath('G', '.xlsx'));
    await download(app.admin, `/reviews/${review.id}/record.pdf`);
    await download(outsider, reportPath('G', '.pdf'));
    const admin = app.config.auth.adminUsername;
    // A streamed download's entry is written once its last byte is out, so the order may vary.
    const entries = await eventually(async () => {
      const last = (await auditEntries(app.admin, `cycleId=${cycleId}`)).slice(-4);
      assert.equal(last.filter((e) => e.action.endsWith('.xlsx')).length, 1);
      return last;
    });
    const byAction = (a: unknown[], b: unknown[]) => JSON.stringify(a).localeCompare(JSON.stringify(b));
    assert.deepEqual(
      entries.map((e) => [e.action, e.target, e.outcome, e.actorId]).sort(byAction),
      [
        ['GET /cycles/:cycleId/units/:unitId/report.pdf', `report:${cycleId}:${org.id('G')}`, 'ok', admin],
        ['GET /cycles/:cycleId/units/:unitId/report.xlsx', `report:${cycleId}:${org.id('G')}`, 'ok', admin],
        ['GET /reviews/:id/record.pdf', `review:${review.id}`, 'ok', admin],
        ['GET /cycles/:cycleId/units/:unitId/report.pdf', `report:${cycleId}:${org.id('G')}`, 'rejected', other.id('p-sec')],
      ].sort(byAction),
    );
    // Other test files write entries meanwhile (one shared database): look after the download's start.
    const since = (await auditEntries(app.admin, 'outcome=ok')).at(-1)?.seq ?? 0;
    await download(app.admin, '/audit.csv?outcome=rejected');
    await eventually(async () => {
      const after = (await auditEntries(app.admin, 'outcome=ok')).filter((e) => e.seq > since);
      assert.ok(after.some((e) => e.action === 'GET /audit.csv'), JSON.stringify(after.map((e) => e.action)));
    });
  });
});
