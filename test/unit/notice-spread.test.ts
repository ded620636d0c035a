import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NOTICE_SPREAD_SECONDS, noticeWakeAt } from '../../libs/domain/review/review-schedule.js';

// Thousands of reviews share a cycle's due dates: each wakes for a notice at a time of its own,
// never before the notice's time and never so late that it passes the next one.

const at = '2026-12-10T00:00:00.000Z';
const offsetMs = (reviewId: string, kind: 'reminder' | 'overdue' | 'escalation', calendar: { remindBeforeSeconds?: number; escalateAfterSeconds?: number }) =>
  Date.parse(noticeWakeAt(reviewId, { kind, at }, calendar)) - Date.parse(at);
const reviewIds = Array.from({ length: 2000 }, (_, i) => `cycle-1:person:member-${i}`);

describe('a notice wave is spread over a few minutes', () => {
  it('wakes every review at or after the notice time, within the spread, each review always at the same time', () => {
    const offsets = reviewIds.map((id) => offsetMs(id, 'reminder', {}));
    assert.ok(offsets.every((o) => o >= 0 && o < NOTICE_SPREAD_SECONDS * 1000), `offsets ${Math.min(...offsets)}..${Math.max(...offsets)}`);
    assert.deepEqual(reviewIds.map((id) => offsetMs(id, 'reminder', {})), offsets, 'replays wake at the same time');
  });

  it('spreads the reviews evenly: no tenth of the window holds more than twice its share', () => {
    const window = NOTICE_SPREAD_SECONDS * 1000;
    const buckets = new Array<number>(10).fill(0);
    for (const id of reviewIds) buckets[Math.floor((offsetMs(id, 'overdue', {}) / window) * 10)]!++;
    assert.ok(buckets.every((b) => b > 0 && b < (2 * reviewIds.length) / 10), `per tenth: ${buckets.join(', ')}`);
  });

  it('keeps a reminder before the due date and an overdue notice before the escalation on a calendar in seconds', () => {
    const calendar = { remindBeforeSeconds: 6, escalateAfterSeconds: 4 };
    for (const id of reviewIds) {
      assert.ok(offsetMs(id, 'reminder', calendar) < 3000, 'within half the reminder lead');
      assert.ok(offsetMs(id, 'overdue', calendar) < 2000, 'within half the grace period');
      assert.ok(offsetMs(id, 'escalation', calendar) < 2000);
    }
  });
});
