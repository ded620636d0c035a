// The API words its field problems in English. The few a person can run into from the app's own
// forms are said in their language here; any other message is shown as the server wrote it.
const MESSAGES: Record<string, Record<string, string>> = {
  vi: {
    'must not contain U+0000 or unpaired surrogates': 'Chứa ký tự không hợp lệ (ký tự rỗng U+0000 hoặc lỗi mã hoá); vui lòng xoá ký tự đó.',
  },
};

export function localMessage(message: string, language: string): string {
  return MESSAGES[language]?.[message] ?? message;
}
