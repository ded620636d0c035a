import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Node answers a request it cannot parse (headers over the limit, a malformed request line)
 * before the app sees it, with a bare status line. Listening to the server's 'clientError'
 * replaces that answer: the same status (as Node picks it), as problem+json, then the socket closes.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex & { bytesWritten?: number }): void {
  // As Node does: a reset peer or a socket that already answered gets no second answer.
  if (error.code === 'ECONNRESET' || !socket.writable || (socket.bytesWritten ?? 0) > 0) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const title = STATUS_CODES[status]!;
  const detail = status === 431 ? 'The request headers are larger than the server accepts.' : 'The request could not be read as HTTP.';
  const body = JSON.stringify({ type: `/problems/http-${status}`, title, status, detail });
  socket.end(
    [
      `HTTP/1.1 ${status} ${title}`,
      'Content-Type: application/problem+json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Cache-Control: no-store',
      'X-Content-Type-Options: nosniff',
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
