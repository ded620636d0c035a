/**
 * The cookies of a request's Cookie header. The first occurrence of a name wins: browsers send
 * the cookie with the most specific path first, so a look-alike set on a wider path cannot
 * shadow ours.
 */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name === '' || cookies.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      cookies.set(name, value); // not percent-encoded: keep it as sent
    }
  }
  return cookies;
}
