import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newKey, type ApiClient } from '../support/api-client.js';
import { threeLevelOrg, TEST_PASSWORD } from '../support/org-fixture.js';
import { Participants } from '../support/participants.js';
import { assertProblem, ok } from '../support/problems.js';
import { downloadTemplate, sheetsOf, uploadSpreadsheet, XLSX_TYPE, xlsxOf } from '../support/spreadsheet.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uniquePrefix } from '../support/test-env.js';

const UNITS_VI = ['Mã đơn vị', 'Mã đơn vị cấp trên', 'Tên đơn vị', 'Loại', 'Sáp nhập vào', 'Giải thể'];
const PEOPLE_VI = ['Mã đảng viên', 'Họ và tên', 'Mã đơn vị', 'Chức vụ'];

describe('registry spreadsheets: GET /org/import/template, POST /org/import/spreadsheet', () => {
  let app: TestApp;
  let people: Participants;
  const org = threeLevelOrg(uniquePrefix('e2e-sheet'));
  const other = threeLevelOrg(uniquePrefix('e2e-sheet-other'));
  /** An administrator of org's tree only. */
  let orgAdmin: ApiClient;

  before(async () => {
    app = await startTestApp();
    people = new Participants(app.http);
    const payload = structuredClone(org.payload);
    payload.people.push({ id: org.id('admin'), name: 'Registry admin', unitId: org.rootId, position: 'member', username: org.id('admin'), password: TEST_PASSWORD, roles: [{ role: 'admin', unitId: org.rootId }] });
    payload.people[0]!.discipline = [
      { year: 2024, level: 'reprimand', selfDetected: true },
      { year: 2025, level: 'warning', dutyRelated: true },
    ];
    ok(await app.admin.post('/org/import', payload));
    ok(await app.admin.post('/org/import', other.payload));
    orgAdmin = await people.as(org.id('admin'));
  });
  after(() => app?.stop());

  it('serves the XLSX template with Vietnamese headings by default, English with lang=en, and CSV with a BOM', async () => {
    const vi = await downloadTemplate(orgAdmin, '');
    assert.equal(vi.status, 200);
    assert.equal(vi.contentType, XLSX_TYPE);
    const sheets = await sheetsOf(vi.file);
    assert.deepEqual(Object.keys(sheets), ['Đơn vị', 'Đảng viên', 'Hướng dẫn']);
    assert.deepEqual(sheets['Đơn vị'], [UNITS_VI]);
    assert.deepEqual(sheets['Đảng viên']![0]!.slice(0, 4), PEOPLE_VI);

    const en = await sheetsOf((await downloadTemplate(orgAdmin, '?lang=en')).file);
    assert.deepEqual(Object.keys(en), ['Units', 'People', 'Instructions']);
    assert.deepEqual(en.People![0], ['Person id', 'Name', 'Unit id', 'Position', 'Email', 'Status', 'Login username', 'Login password', 'Roles', 'Discipline records', 'Managed by committee of']);

    const csv = await downloadTemplate(orgAdmin, '?format=csv&sheet=people');
    assert.match(csv.contentType ?? '', /^text\/csv/);
    assert.deepEqual([...csv.file.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(csv.file.toString('utf8').slice(1).split('\r\n')[0], 'Mã đảng viên,Họ và tên,Mã đơn vị,Chức vụ,Email,Trạng thái,Tên đăng nhập,Mật khẩu,Vai trò,Kỷ luật,Thuộc diện cấp ủy cấp trên quản lý');
  });

  it('round trip: the filled template imported again leaves the registry as it was', async () => {
    const before = await downloadTemplate(orgAdmin, '?filled=true');
    const sheets = await sheetsOf(before.file);
    assert.equal(sheets['Đơn vị']!.length, 1 + 3, 'only the units of the caller’s scope');
    assert.equal(sheets['Đảng viên']!.length, 1 + 9);
    assert.ok(sheets['Đảng viên']!.some((row) => row.includes(`admin:${org.rootId}`)), 'roles exported');
    assert.ok(sheets['Đảng viên']!.some((row) => row.includes('2024:reprimand:self; 2025:warning:duty')), 'discipline exported, duty-related flagged');

    const imported = ok(await uploadSpreadsheet(orgAdmin, before.file, XLSX_TYPE));
    assert.deepEqual(imported, { units: { created: 0, updated: 3 }, people: { created: 0, updated: 9 } });
    const after = await sheetsOf((await downloadTemplate(orgAdmin, '?filled=true')).file);
    assert.deepEqual(after, sheets);
    await app.http.login(org.id('g-mem1'), TEST_PASSWORD); // a blank password kept the stored one
  });

  it('names every error of both sheets by sheet!cell in Vietnamese, and stores nothing', async () => {
    const file = await xlsxOf({
      'Đơn vị': [UNITS_VI, [org.id('N1'), org.rootId, 'New unit', 'cell'], [org.id('N2'), org.id('nowhere'), 'Orphan', 'cell']],
      'Đảng viên': [
        PEOPLE_VI,
        [org.id('n-1'), 'Nguyễn Văn A', org.id('N1'), 'member'],
        [org.id('n-2'), 'Trần Thị B', org.id('d1-g3'), 'member'],
        [org.id('n-3'), 'Lê Văn C', org.id('G'), 'secretary'],
      ],
    });
    const res = await uploadSpreadsheet(orgAdmin, file, XLSX_TYPE);
    // An unknown unit is also outside every scope: its row's id cell is named for that.
    assertProblem(res, 400, ['Đơn vị!A3', 'Đơn vị!B3', 'Đảng viên!A3', 'Đảng viên!C3', 'Đảng viên!D4']);
    const byPath = Object.fromEntries(res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    assert.equal(byPath['Đơn vị!B3'], `đơn vị '${org.id('nowhere')}' không tồn tại`);
    assert.equal(byPath['Đảng viên!C3'], `đơn vị '${org.id('d1-g3')}' không tồn tại`);
    assert.match(byPath['Đảng viên!D4'], /^đơn vị '.*' sẽ có 2 bí thư/);
    assert.match(res.body.detail, /Đảng viên!C3: đơn vị '.*' không tồn tại/);
    assertProblem(await app.admin.get(`/org/units/${org.id('N1')}`), 404);
  });

  it("reads 'Sáp nhập vào' and 'Giải thể': a unit left with people is named at its cell, in Vietnamese", async () => {
    const file = await xlsxOf({
      'Đơn vị': [UNITS_VI, [org.id('G'), org.id('D'), 'Unit G', 'grassroots', org.id('D')], [org.id('D'), org.rootId, 'Unit D', 'district', '', 'true']],
      'Đảng viên': [PEOPLE_VI],
    });
    const res = await uploadSpreadsheet(orgAdmin, file, XLSX_TYPE);
    assertProblem(res, 400, ['Đơn vị!E2', 'Đơn vị!F3']);
    const at = (path: string) => res.body.errors.filter((e: { path: string }) => e.path === path).map((e: { message: string }) => e.message);
    // G merges into D, which the same sheet dissolves, and neither moved its people out.
    assert.deepEqual(at('Đơn vị!E2'), [
      `đơn vị '${org.id('D')}' đã sáp nhập hoặc giải thể: hãy sáp nhập vào đơn vị đang hoạt động`,
      `đơn vị '${org.id('G')}' vẫn còn đảng viên chưa chuyển đi: ${['g-mem1', 'g-mem2', 'g-sec'].map(org.id).join(', ')}`,
    ]);
    assert.deepEqual(at('Đơn vị!F3'), [`đơn vị '${org.id('D')}' vẫn còn đảng viên chưa chuyển đi: ${['d-mem', 'd-sec'].map(org.id).join(', ')}`]);
  });

  it('names blank, unlisted and unreadable cells before checking the rules', async () => {
    const file = await xlsxOf({
      'Đơn vị': [UNITS_VI, [org.id('N3'), org.rootId, '', 'village']],
      'Đảng viên': [[...PEOPLE_VI, 'Vai trò', 'Kỷ luật', 'Email'], [org.id('n-4'), 'Phạm D', org.id('G'), 'member', 'boss of everything', '2024', 'not-an-email']],
    });
    const res = await uploadSpreadsheet(orgAdmin, file, XLSX_TYPE);
    assertProblem(res, 400, ['Đơn vị!C2', 'Đơn vị!D2', 'Đảng viên!E2', 'Đảng viên!F2', 'Đảng viên!G2']);
    assert.equal(res.body.errors.find((e: { path: string }) => e.path === 'Đơn vị!C2').message, 'bắt buộc, không được để trống');
  });

  it('reads a CSV with a BOM, quoted fields and CRLF, headings in English, and answers in English with lang=en', async () => {
    const csv = `\uFEFFPerson id,Name,Unit id,Position,Roles\r\n${org.id('c-1')},"Hoàng, ""Bé"" Văn",${org.id('G')},member,\r\n${org.id('c-2')},"Line one\r\nline two",${org.id('G')},member,"auditor:${org.id('G')}"\r\n`;
    const refused = await uploadSpreadsheet(orgAdmin, csv, 'text/csv; charset=utf-8', '?lang=en');
    assertProblem(refused, 400, ['People!E3']);
    assert.equal(refused.body.errors[0].message, 'roles need a username to log in with');

    const fixed = csv.replace(`"auditor:${org.id('G')}"`, '');
    assert.deepEqual(ok(await uploadSpreadsheet(orgAdmin, fixed, 'text/csv')), { units: { created: 0, updated: 0 }, people: { created: 2, updated: 0 } });
    const listed = ok(await app.admin.get(`/org/people?q=${encodeURIComponent(org.id('c-1'))}`));
    assert.equal(listed.items[0].name, 'Hoàng, "Bé" Văn');
  });

  it('accepts English headings and sheet names in an XLSX', async () => {
    const file = await xlsxOf({
      Units: [['Unit id', 'Parent unit id', 'Name', 'Kind'], [org.id('E1'), org.id('D'), 'English cell', 'cell']],
      People: [['Person id', 'Name', 'Unit id', 'Position'], [org.id('e-1'), 'Eve', org.id('E1'), 'secretary']],
    });
    assert.deepEqual(ok(await uploadSpreadsheet(orgAdmin, file, XLSX_TYPE)), { units: { created: 1, updated: 0 }, people: { created: 1, updated: 0 } });
    assert.equal(ok(await app.admin.get(`/org/units/${org.id('E1')}`)).headId, org.id('e-1'));
  });

  it('refuses a non-administrator (403) and a unit outside the caller’s scope (400 naming it), like the JSON import', async () => {
    const member = await people.as(org.id('g-mem1'));
    assertProblem(await uploadSpreadsheet(member, await xlsxOf({ 'Đơn vị': [UNITS_VI], 'Đảng viên': [PEOPLE_VI] }), XLSX_TYPE), 403);
    assert.equal((await downloadTemplate(member, '')).status, 403);
    // Refused before the file is read: a file that is not a spreadsheet at all is still 403 for a member.
    assertProblem(await uploadSpreadsheet(member, Buffer.from('not a spreadsheet'), XLSX_TYPE), 403);
    const outside = await xlsxOf({ 'Đơn vị': [UNITS_VI, [other.id('G'), other.id('D'), 'Renamed', 'grassroots']], 'Đảng viên': [PEOPLE_VI] });
    const res = await uploadSpreadsheet(orgAdmin, outside, XLSX_TYPE);
    assertProblem(res, 400, ['Đơn vị!A2']);
    assert.match(res.body.errors[0].message, /nằm ngoài phạm vi của bạn/);
    assert.equal(ok(await app.admin.get(`/org/units/${other.id('G')}`)).name, 'Unit G');
  });

  it('answers 400 naming the problem for a file that is not a workbook, lacks a sheet or a required column', async () => {
    assertProblem(await uploadSpreadsheet(orgAdmin, 'just text', XLSX_TYPE), 400, ['file']);
    assertProblem(await uploadSpreadsheet(orgAdmin, Buffer.from('PK\x03\x04garbage'), XLSX_TYPE), 400, ['file']);
    assertProblem(await uploadSpreadsheet(orgAdmin, await xlsxOf({ 'Đơn vị': [UNITS_VI] }), XLSX_TYPE), 400, ['file']);
    const noKind = await uploadSpreadsheet(orgAdmin, await xlsxOf({ 'Đơn vị': [UNITS_VI.slice(0, 3)], 'Đảng viên': [PEOPLE_VI] }), XLSX_TYPE);
    assertProblem(noKind, 400, ['Đơn vị']);
    assert.equal(noKind.body.errors[0].message, "thiếu cột bắt buộc 'Loại'");
    assertProblem(await uploadSpreadsheet(orgAdmin, 'a,b\r\n1,2\r\n', 'text/csv'), 400, ['file']);
    assertProblem(await uploadSpreadsheet(orgAdmin, Buffer.from('%PDF-1.4'), 'application/pdf'), 400, ['file']);
  });

  it('replays the same upload under the same Idempotency-Key and refuses another file under it (422)', async () => {
    const key = newKey();
    const file = await xlsxOf({ 'Đơn vị': [UNITS_VI, [org.id('K1'), org.id('D'), 'Keyed', 'cell']], 'Đảng viên': [PEOPLE_VI] });
    const first = ok(await uploadSpreadsheet(orgAdmin, file, XLSX_TYPE, '', key));
    assert.deepEqual(ok(await uploadSpreadsheet(orgAdmin, file, XLSX_TYPE, '', key)), first);
    const another = await xlsxOf({ 'Đơn vị': [UNITS_VI, [org.id('K2'), org.id('D'), 'Keyed', 'cell']], 'Đảng viên': [PEOPLE_VI] });
    assertProblem(await uploadSpreadsheet(orgAdmin, another, XLSX_TYPE, '', key), 422);
  });
});
