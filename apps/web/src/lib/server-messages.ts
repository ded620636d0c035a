// The API words its field problems in English. The few a person can run into from the app's own
// forms are said in their language here; any other message is shown as the server wrote it.
const MESSAGES: Record<string, Record<string, string>> = {
  vi: {
    'must not contain U+0000 or unpaired surrogates': 'Chứa ký tự không hợp lệ (ký tự rỗng U+0000 hoặc lỗi mã hoá); vui lòng xoá ký tự đó.',
  },
};

const FIELD_NAMES_VI: Record<string, string> = {
  targetsDueAt: 'hạn giao chỉ tiêu',
  selfAssessmentOpensAt: 'ngày mở tự đánh giá',
  selfAssessmentDueAt: 'hạn tự đánh giá',
  reviewDueAt: 'hạn đánh giá, xếp loại',
  remediationDueAt: 'hạn kế hoạch khắc phục',
  reportDueAt: 'hạn báo cáo',
};
const LEVEL_NAMES_VI: Record<string, string> = { cell: 'chi bộ', grassroots: 'đảng bộ cơ sở', district: 'cấp huyện', province: 'cấp tỉnh' };

/** A calendar's instant as the day it falls on in Vietnam. */
const vnDay = (iso: string) => new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));

/** Calendar ordering problems name a date: said with the field's name and the day. */
const PATTERNS: Record<string, Array<[RegExp, (...groups: string[]) => string]>> = {
  vi: [
    [/^must not be before (\w+) \((.+)\)$/, (field, at) => `Không được sớm hơn ${FIELD_NAMES_VI[field!] ?? field} (${vnDay(at!)}).`],
    [/^must not be after the (\w+) level's report date \((.+)\)$/, (level, at) => `Không được muộn hơn hạn báo cáo của ${LEVEL_NAMES_VI[level!] ?? level} (${vnDay(at!)}).`],
  ],
};

export function localMessage(message: string, language: string): string {
  const exact = MESSAGES[language]?.[message];
  if (exact) return exact;
  for (const [pattern, say] of PATTERNS[language] ?? []) {
    const match = pattern.exec(message);
    if (match) return say(...match.slice(1));
  }
  return message;
}
