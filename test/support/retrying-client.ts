import { newKey, type ApiClient, type ApiResponse } from './api-client.js';

/** What one action went through until it got its answer. */
export interface ActionRecord {
  name: string;
  attempts: number;
  /** The answer it ended with. */
  status: number;
  /** When the answer came (ms since epoch). */
  answeredAt: number;
  /** 409 request_in_progress answers on the way. */
  inProgressAnswers: number;
}

const RETRY_DELAY_MS = 250;
const GIVE_UP_AFTER_MS = 180_000;

/**
 * A client that acts as the web app does: one Idempotency-Key per action, the same key on every
 * retry, retried on a network error, a 5xx and 409 request_in_progress, until a final answer.
 */
export class RetryingClient {
  readonly records: ActionRecord[] = [];

  async act(name: string, client: ApiClient, path: string, body: unknown): Promise<ApiResponse> {
    const key = newKey();
    const record: ActionRecord = { name, attempts: 0, status: 0, answeredAt: 0, inProgressAnswers: 0 };
    this.records.push(record);
    const deadline = Date.now() + GIVE_UP_AFTER_MS;
    for (;;) {
      record.attempts++;
      const res = await client.post(path, body, { idempotencyKey: key }).catch(() => null);
      const inProgress = res?.status === 409 && String(res.body?.type ?? '').endsWith('request_in_progress');
      if (inProgress) record.inProgressAnswers++;
      if (res && res.status < 500 && !inProgress) {
        record.status = res.status;
        record.answeredAt = Date.now();
        return res;
      }
      if (Date.now() > deadline) throw new Error(`${name}: no answer within ${GIVE_UP_AFTER_MS} ms (last ${res?.status ?? 'network error'})`);
      await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
    }
  }
}
