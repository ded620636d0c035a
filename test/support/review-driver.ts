import assert from 'node:assert/strict';
import type { Classification } from '../../libs/domain/classification.js';
import type { ApiClient } from './api-client.js';
import type { Participants } from './participants.js';
import { cycleBody } from './cycle-body.js';

export interface ReviewSummary {
  id: string;
  subject: { type: string; id: string };
  reviewerId: string;
  selfActorId: string;
  step: string;
  status: string;
}

/** Polls until the check passes (the read model follows the workflows within moments). */
export async function eventually<T>(check: () => Promise<T>, { timeoutMs = 20_000, intervalMs = 100 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

/** Every review of a cycle, as the admin sees them (all pages). */
export async function allReviews(admin: ApiClient, cycleId: string): Promise<ReviewSummary[]> {
  const out: ReviewSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } = await admin.get(
      `/cycles/${cycleId}/reviews?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
    );
    assert.equal(page.status, 200);
    for (const item of page.body.items) out.push((await admin.get(`/reviews/${item.id}`)).body);
    cursor = page.body.nextCursor;
  } while (cursor);
  return out;
}

/** Waits until the cycle has launched every subject. */
/** One entry of a review's history, as GET /reviews/:id/history gives it. */
export interface HistoryEvent {
  actorId: string;
  type: string;
  data: Record<string, any>;
}

/** A review's history through the API (200 asserted). */
export async function reviewHistory(client: ApiClient, reviewId: string): Promise<HistoryEvent[]> {
  const res = await client.get(`/reviews/${reviewId}/history`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.events;
}

export async function waitRunning(admin: ApiClient, cycleId: string): Promise<void> {
  await eventually(async () => {
    const cycle = await admin.get(`/cycles/${cycleId}`);
    assert.equal(cycle.body.status, 'running');
  });
}

/** Launches a cycle over a unit (dates around now, see cycleBody) and waits until it runs. */
export async function launchCycle(admin: ApiClient, rootUnitId: string, extra: Parameters<typeof cycleBody>[1] = {}): Promise<string> {
  const created = await admin.post('/cycles', cycleBody(rootUnitId, extra));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await waitRunning(admin, created.body.id);
  return created.body.id as string;
}

/** Takes one review from targets to done through the API, each step by the person who must act. */
export async function completeReview(people: Participants, review: ReviewSummary, classification: Classification = 'good'): Promise<void> {
  const reviewer = await people.as(review.reviewerId);
  const subject = await people.as(review.selfActorId);
  const ok = (res: { status: number; body: unknown }, what: string) => assert.equal(res.status, 200, `${what}: ${JSON.stringify(res.body)}`);
  ok(await reviewer.post(`/reviews/${review.id}/targets`, { targets: [{ title: 'Tasks of the year', weight: 100 }] }), 'targets');
  ok(
    await subject.post(`/reviews/${review.id}/self-assessment`, {
      // Excellent needs a score of 90 or more under reg 366: full marks; anything else scores 89.
      results: [{ targetIndex: 0, achievement: classification === 'excellent' ? 100 : 90 }],
      generalScore: classification === 'excellent' ? 30 : 26,
      proposedClassification: classification,
      summary: 'Done as planned',
    }),
    'self-assessment',
  );
  const approved = await reviewer.post(`/reviews/${review.id}/review`, { decision: 'approve', classification, comment: 'Agreed' });
  ok(approved, 'review');
  if ((approved.body as { step: string }).step === 'remediation_plan') {
    ok(await subject.post(`/reviews/${review.id}/remediation-plan`, { items: [{ action: 'Improve', dueDate: '2027-06-30' }] }), 'plan');
    ok(await reviewer.post(`/reviews/${review.id}/remediation-decision`, { decision: 'approve' }), 'plan decision');
  }
}
