// How figures and instants read on printed documents: Vietnamese conventions by default.

export const DOCUMENT_LANGS = ['vi', 'en'] as const;
export type DocumentLang = (typeof DOCUMENT_LANGS)[number];

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** A percentage as printed: "84,62%" in Vietnamese, "84.62%" in English (two decimals, as the JSON report rounds). */
export function formatPercent(value: number, lang: DocumentLang): string {
  const fixed = value.toFixed(2);
  return `${lang === 'vi' ? fixed.replace('.', ',') : fixed}%`;
}

const DATE_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function partsOf(at: Date | string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of DATE_PARTS.formatToParts(new Date(at))) parts[part.type] = part.value;
  return parts;
}

/** dd/MM/yyyy in Vietnam's time zone, whoever reads it. */
export function formatDate(at: Date | string): string {
  const p = partsOf(at);
  return `${p.day}/${p.month}/${p.year}`;
}

/** dd/MM/yyyy HH:mm in Vietnam's time zone. */
export function formatDateTime(at: Date | string): string {
  const p = partsOf(at);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** A download's Content-Disposition: an ASCII fallback name plus the exact one (RFC 6266). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
