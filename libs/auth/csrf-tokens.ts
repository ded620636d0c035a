import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * CSRF tokens for the cookie session (double submit). The token is an HMAC of the session token,
 * so a token planted in the rc_csrf cookie by someone else (a sibling subdomain) is still refused.
 */
export class CsrfTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHash('sha256').update(`rc_csrf\n${secret}`).digest();
  }

  tokenFor(sessionToken: string): string {
    return createHmac('sha256', this.key).update(sessionToken).digest('base64url');
  }

  /** The header equals the cookie and both are the session's token; compared in constant time. */
  matches(sessionToken: string, cookie: string | undefined, header: string | undefined): boolean {
    if (!cookie || !header) return false;
    const sameAsCookie = constantTimeEqual(header, cookie);
    const sameAsSession = constantTimeEqual(header, this.tokenFor(sessionToken));
    return sameAsCookie && sameAsSession;
  }
}

/** Hashing first gives equal lengths, so timingSafeEqual never leaks the length either. */
function constantTimeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
