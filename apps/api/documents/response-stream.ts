import type { Response } from 'express';
import { attachment } from './document-format.js';

/** Starts a download: its type and file name; the API's no-store header is already set. */
export function startDownload(res: Response, contentType: string, fileName: string): void {
  res.status(200);
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', attachment(fileName));
}

/** Waits while the client is slower than the export, so nothing piles up in memory. */
export async function drained(res: Response): Promise<void> {
  if (!res.writableNeedDrain) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
  if (res.destroyed) throw new Error('The client closed the connection during the export.');
}

/**
 * Runs a streamed export. A failure before the first byte leaves as a problem document; after it
 * the headers are gone, so the connection is cut rather than sending a truncated file as complete.
 */
export async function streamExport(res: Response, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (res.headersSent) res.destroy(error as Error);
    throw error;
  }
}
