import { ApiError } from './api-error';

// The one HTTP client of the app. The session lives in an httpOnly cookie the page cannot read;
// writes carry the CSRF token (double-submit cookie) and an Idempotency-Key, so a double click or
// a retry on a flaky connection never acts twice.

const BASE = '/api/v1';

function csrfToken(): string | undefined {
  return document.cookie
    .split('; ')
    .find((c) => c.startsWith('rc_csrf='))
    ?.slice('rc_csrf='.length);
}

export interface WriteOptions {
  /** The same key for every attempt of one action (see useAction). */
  idempotencyKey?: string;
  method?: 'POST' | 'PUT' | 'DELETE';
  /** `respond-async`: a bulk action answers 202 with its operation instead of waiting for it. */
  prefer?: 'respond-async';
}

async function request<T>(method: string, path: string, body?: unknown, idempotencyKey?: string, prefer?: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (prefer) headers.prefer = prefer;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = csrfToken();
    if (csrf) headers['x-csrf-token'] = csrf;
    headers['idempotency-key'] = idempotencyKey ?? crypto.randomUUID();
  }
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network', undefined);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const p = (parsed ?? {}) as { title?: string; detail?: string; errors?: ApiError['errors']; type?: string };
    throw new ApiError(response.status, p.title ?? response.statusText, p.detail, p.errors ?? [], p.type);
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Builds a query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const s = search.toString();
  return s ? `?${s}` : '';
}

export interface UploadOptions {
  idempotencyKey?: string;
  /** 0..100 as the file's bytes leave the browser (fetch cannot report this; XMLHttpRequest can). */
  onProgress?: (percent: number) => void;
}

/** Sends a file as the request body, with the same CSRF token, idempotency key and error shape as `request`. */
function upload<T>(path: string, file: Blob, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${BASE}${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    const csrf = csrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.setRequestHeader('idempotency-key', options.idempotencyKey ?? crypto.randomUUID());
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', undefined));
    xhr.onload = () => {
      const parsed = xhr.responseText ? safeJson(xhr.responseText) : undefined;
      if (xhr.status >= 200 && xhr.status < 300) return resolve(parsed as T);
      const p = (parsed ?? {}) as { title?: string; detail?: string; errors?: ApiError['errors']; type?: string };
      reject(new ApiError(xhr.status, p.title ?? xhr.statusText, p.detail, p.errors ?? [], p.type));
    };
    xhr.send(file);
  });
}

export const api = {
  upload,
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown, options: WriteOptions = {}) => request<T>(options.method ?? 'POST', path, body, options.idempotencyKey, options.prefer),
  put: <T>(path: string, body?: unknown, options: WriteOptions = {}) => request<T>('PUT', path, body, options.idempotencyKey),
};
