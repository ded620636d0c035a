import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiClient } from './api-client.js';

export interface Download {
  status: number;
  contentType: string | null;
  disposition: string | null;
  bytes: Buffer;
  /** The body as JSON when it is a problem document, else null. */
  problem: any;
}

/** GETs a download with the client's token and keeps the body as bytes. */
export async function download(client: ApiClient, path: string): Promise<Download> {
  const res = await fetch(`${client.baseUrl}/api/v1${path}`, { headers: client.token ? { authorization: `Bearer ${client.token}` } : {} });
  const bytes = Buffer.from(await res.arrayBuffer());
  const contentType = res.headers.get('content-type');
  const problem = contentType?.startsWith('application/problem+json') ? JSON.parse(bytes.toString('utf8')) : null;
  return { status: res.status, contentType, disposition: res.headers.get('content-disposition'), bytes, problem };
}

/** The text of a PDF as `pdftotext -layout` lays it out (poppler-utils). */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-text-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
