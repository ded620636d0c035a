import { randomUUID } from 'node:crypto';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  contentType: string | null;
  headers?: Headers;
}

export interface RequestOptions {
  token?: string | null;
  idempotencyKey?: string;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** A minimal HTTP client, as an outside client would call the API. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null = null,
  ) {}

  as(token: string | null): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  get<T = any>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request('GET', path, undefined, options);
  }

  post<T = any>(path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request('POST', path, body, options);
  }

  async request<T>(method: string, path: string, body: unknown, options: RequestOptions): Promise<ApiResponse<T>> {
    const token = options.token === undefined ? this.token : options.token;
    const headers: Record<string, string> = { ...options.headers };
    if (body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const url = path.startsWith('/api/') || path.startsWith('/health') || path.startsWith('/ready') || path.startsWith('/docs') ? path : `/api/v1${path}`;
    const res = await fetch(`${this.baseUrl}${url}`, { method, headers, body: options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body)) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, contentType: res.headers.get('content-type'), headers: res.headers };
  }

  /** Logs in and returns a client carrying the token. */
  async login(username: string, password: string): Promise<ApiClient> {
    const res = await this.post<{ accessToken: string }>('/auth/token', { username, password }, { token: null });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return this.as(res.body.accessToken);
  }
}

export function newKey(): string {
  return randomUUID();
}
