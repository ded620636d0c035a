// Dates as people in Vietnam read them: dd/MM/yyyy, in Asia/Ho_Chi_Minh, whatever the device's zone.
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });

export function formatDate(iso: string | null | undefined): string {
  return iso ? dateFormat.format(new Date(iso)) : '—';
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? `${dateFormat.format(new Date(iso))} ${timeFormat.format(new Date(iso))}` : '—';
}

// Numbers in the reader's language: "84,62%" and "67,6" in Vietnamese, "84.62%" and "67.6" in English.
const LOCALES: Record<string, string> = { vi: 'vi-VN', en: 'en-GB' };

function numberFormat(language: string, digits: number): Intl.NumberFormat {
  return new Intl.NumberFormat(LOCALES[language] ?? 'vi-VN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A percentage the API rounded to two decimals, e.g. 84.62 → "84,62%" in Vietnamese. */
export function formatPercent(value: number, language: string): string {
  return `${numberFormat(language, 2).format(value)}%`;
}

/** A share with no needless decimals, e.g. 20 → "20%", 21.05 → "21,05%" in Vietnamese. */
export function formatShare(value: number, language: string): string {
  return `${new Intl.NumberFormat(LOCALES[language] ?? 'vi-VN', { maximumFractionDigits: 2 }).format(value)}%`;
}

/** A score out of 100 with one decimal, e.g. 67.6 → "67,6" in Vietnamese. */
export function formatScore(value: number, language: string): string {
  return numberFormat(language, 1).format(value);
}
