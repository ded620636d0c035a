import type { Lang } from './registry-sheets.js';

// What the spreadsheet import says, in Vietnamese (the default) or English. The import rules speak
// English (libs/domain/org/import-rules.ts); `translateRuleMessage` turns their sentences into
// Vietnamese by pattern, and an unknown sentence passes through untranslated rather than lost.

export const SPREADSHEET_MESSAGES = {
  vi: {
    notXlsx: 'tệp không phải XLSX (bảng tính Excel) hợp lệ',
    unreadable: (reason: string) => `không đọc được tệp: ${reason}`,
    notCsv: (reason: string) => `tệp CSV không hợp lệ: ${reason}`,
    unsupportedType: (type: string) => `kiểu nội dung '${type}' không được hỗ trợ; gửi tệp XLSX hoặc CSV`,
    empty: 'tệp rỗng',
    noSheet: (names: string) => `không có trang tính nào tên ${names}`,
    unknownCsvSheet: 'không nhận ra trang tính của tệp CSV từ dòng tiêu đề; thêm ?sheet=units hoặc ?sheet=people',
    missingColumn: (heading: string) => `thiếu cột bắt buộc '${heading}'`,
    unknownColumn: (heading: string) => `cột '${heading}' không thuộc mẫu`,
    duplicateColumn: (heading: string) => `cột '${heading}' xuất hiện hai lần`,
    tooManyRows: (max: number) => `quá nhiều dòng (tối đa ${max})`,
    required: 'bắt buộc, không được để trống',
    notInList: (values: string) => `giá trị không hợp lệ; chọn một trong: ${values}`,
    badRole: "mỗi vai trò có dạng 'vai trò:mã đơn vị', ví dụ 'admin:d1'",
    badDiscipline: "mỗi lần kỷ luật có dạng 'năm:hình thức', thêm ':self' (tự phát hiện và khắc phục) và/hoặc ':duty' (vi phạm trong thực hiện nhiệm vụ), ví dụ '2024:reprimand:duty'",
    row: (sheet: string, row: number) => `${sheet}!dòng ${row}`,
    invalid: (english: string) => `giá trị không hợp lệ (${english})`,
  },
  en: {
    notXlsx: 'the file is not a valid XLSX workbook',
    unreadable: (reason: string) => `the file cannot be read: ${reason}`,
    notCsv: (reason: string) => `the CSV file is invalid: ${reason}`,
    unsupportedType: (type: string) => `content type '${type}' is not supported; send an XLSX or CSV file`,
    empty: 'the file is empty',
    noSheet: (names: string) => `there is no sheet named ${names}`,
    unknownCsvSheet: 'the heading row does not say which sheet this CSV file is; add ?sheet=units or ?sheet=people',
    missingColumn: (heading: string) => `the required column '${heading}' is missing`,
    unknownColumn: (heading: string) => `column '${heading}' is not part of the template`,
    duplicateColumn: (heading: string) => `column '${heading}' appears twice`,
    tooManyRows: (max: number) => `too many rows (at most ${max})`,
    required: 'required, must not be blank',
    notInList: (values: string) => `invalid value; choose one of: ${values}`,
    badRole: "each role reads 'role:unit id', e.g. 'admin:d1'",
    badDiscipline: "each record reads 'year:level', then ':self' (self-detected and remedied) and/or ':duty' (a violation in the performance of duty), e.g. '2024:reprimand:duty'",
    row: (sheet: string, row: number) => `${sheet}!row ${row}`,
    invalid: (english: string) => `invalid value (${english})`,
  },
} as const;

export type SpreadsheetMessages = (typeof SPREADSHEET_MESSAGES)[Lang];

const RULES_IN_VIETNAMESE: Array<[RegExp, string]> = [
  [/^unknown unit '(.*)'$/s, "đơn vị '$1' không tồn tại"],
  [/^would make a cycle in the tree: (.*)$/s, 'tạo thành vòng lặp trong cây tổ chức: $1'],
  [/^'(.*)' is reserved for the bootstrap administrator$/s, "'$1' được dành cho quản trị viên khởi tạo"],
  [/^unit '(.*)' would have (\d+) secretaries: (.*)$/s, "đơn vị '$1' sẽ có $2 bí thư: $3"],
  [/^unit '(.*)' is outside your scope: you cannot grant roles there$/s, "đơn vị '$1' nằm ngoài phạm vi của bạn: không thể cấp vai trò tại đó"],
  [/^'(.*)' is outside your scope: you cannot move unit '(.*)' there$/s, "'$1' nằm ngoài phạm vi của bạn: không thể chuyển đơn vị '$2' đến đó"],
  [/^unit '(.*)' is outside your scope$/s, "đơn vị '$1' nằm ngoài phạm vi của bạn"],
  [/^person '(.*)' is outside your scope$/s, "đảng viên '$1' nằm ngoài phạm vi của bạn"],
  [/^username '(.*)' is already taken$/s, "tên đăng nhập '$1' đã được dùng"],
  [/^username '(.*)' is also given to (.*)$/s, "tên đăng nhập '$1' cũng được cấp ở $2"],
  [/^duplicate id '(.*)' \(also (.*)\)$/s, "mã '$1' bị trùng (cũng ở $2)"],
  [/^'(.*)' holds the (\w+) role of (.*), outside your scope: you cannot set their password$/s, "'$1' giữ vai trò $2 của $3, ngoài phạm vi của bạn: không thể đặt mật khẩu của người này"],
  [/^'(.*)' holds the (\w+) role of (.*), outside your scope: you cannot change their username$/s, "'$1' giữ vai trò $2 của $3, ngoài phạm vi của bạn: không thể đổi tên đăng nhập của người này"],
  [/^'(.*)' holds the (\w+) role of (.*), outside your scope: you cannot change their roles$/s, "'$1' giữ vai trò $2 của $3, ngoài phạm vi của bạn: không thể đổi vai trò của người này"],
  [/^roles need a username to log in with$/, 'vai trò cần có tên đăng nhập'],
  [/^must be at least (\d+) characters$/, 'phải có ít nhất $1 ký tự'],
  [/^a password needs a username$/, 'mật khẩu cần có tên đăng nhập'],
  [/^must not contain U\+0000 or unpaired surrogates$/, 'không được chứa ký tự U+0000 hoặc ký tự lỗi mã hoá'],
  [/^unknown field$/, 'cột không thuộc mẫu'],
  [/^unit '(.*)' is merged into '(.*)': it cannot also be dissolved$/s, "đơn vị '$1' đã sáp nhập vào '$2': không thể đồng thời giải thể"],
  [/^'(.*)' is inside unit '(.*)' itself: a unit merges into a unit outside its own subtree$/s, "'$1' nằm trong chính đơn vị '$2': chỉ sáp nhập vào đơn vị ngoài cây của nó"],
  [/^unit '(.*)' is (merged|dissolved) itself: merge into an active unit$/s, "đơn vị '$1' đã sáp nhập hoặc giải thể: hãy sáp nhập vào đơn vị đang hoạt động"],
  [/^unit '(.*)' is (merged|dissolved): it takes no child units$/s, "đơn vị '$1' đã sáp nhập hoặc giải thể: không nhận đơn vị trực thuộc"],
  [/^unit '(.*)' is (merged|dissolved): it has no members$/s, "đơn vị '$1' đã sáp nhập hoặc giải thể: không còn đảng viên"],
  [/^unit '(.*)' still has people not moved: (.*)$/s, "đơn vị '$1' vẫn còn đảng viên chưa chuyển đi: $2"],
  [/^unit '(.*)' still has child units not moved: (.*)$/s, "đơn vị '$1' vẫn còn đơn vị trực thuộc chưa chuyển đi: $2"],
  [/^'(.*)' is outside your scope: you cannot merge unit '(.*)' into it$/s, "'$1' nằm ngoài phạm vi của bạn: không thể sáp nhập đơn vị '$2' vào đó"],
  [/^unit '(.*)' is (merged|dissolved): name an active unit$/s, "đơn vị '$1' đã sáp nhập hoặc giải thể: hãy chọn đơn vị đang hoạt động"],
  [/^unit '(.*)' is not above '(.*)', whose head decides the review of '(.*)': name a higher unit$/s, "đơn vị '$1' không ở trên '$2' (nơi quyết định xếp loại '$3'): hãy chọn đơn vị cấp trên"],
];

/** A rule's or a schema's English message in the caller's language. */
export function translateRuleMessage(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const [pattern, vietnamese] of RULES_IN_VIETNAMESE) if (pattern.test(message)) return message.replace(pattern, vietnamese);
  return SPREADSHEET_MESSAGES.vi.invalid(message);
}
