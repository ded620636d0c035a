import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import type { ApiResponse } from './api-client.js';

/** Asserts an RFC 9457 problem with this status; with `paths`, that errors[] names exactly those fields. */
export function assertProblem(res: ApiResponse, status: number, paths?: string[]): void {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  assert.match(res.contentType ?? '', /^application\/problem\+json/);
  assert.equal(res.body.status, status);
  assert.equal(typeof res.body.type, 'string');
  assert.equal(typeof res.body.title, 'string');
  assert.equal(typeof res.body.detail, 'string');
  if (paths) {
    const named = [...new Set((res.body.errors ?? []).map((e: { path: string }) => e.path))].sort();
    assert.deepEqual(named, [...paths].sort(), `errors: ${JSON.stringify(res.body.errors)}`);
    for (const e of res.body.errors) assert.ok(typeof e.message === 'string' && e.message.length > 0);
  }
}

/** Asserts a 200 (or the given status) and returns the body, showing the problem when it is not. */
export function ok<T = any>(res: ApiResponse<T>, status = 200): T {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A token signed with the API's secret that expired a minute ago. */
export function expiredToken(secret: string, actorId: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(actorId)
    .setIssuedAt(now - 3600)
    .setExpirationTime(now - 60)
    .setIssuer('review-cycles')
    .sign(new TextEncoder().encode(secret));
}

/** The subject of a token (the caller's actor id), read without verifying it. */
export function actorOf(token: string): string {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')).sub;
}
