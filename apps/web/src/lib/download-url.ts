/**
 * The URL of an API download. A plain link (<a href download>) carries the session cookie
 * (Path=/api) like any GET, so the browser saves the file itself, however large.
 */
export function downloadUrl(path: string, query: Record<string, string | undefined> = {}, language = 'vi'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  params.set('lang', language.startsWith('en') ? 'en' : 'vi');
  return `/api/v1${path}?${params.toString()}`;
}
