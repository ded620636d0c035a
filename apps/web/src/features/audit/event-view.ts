import type { Classification } from '../../../../../libs/domain/classification';
import type { HistoryEvent } from './audit-api';

/** What a person reads in an event: its comment, and the classification it changed, if any. */
export interface EventView {
  event: HistoryEvent;
  comment: string | null;
  before: Classification | null;
  after: Classification | null;
}

/** Walks the history in order, carrying the classification so each change shows before → after. */
export function eventViews(events: HistoryEvent[]): EventView[] {
  let current: Classification | null = null;
  return events.map((event) => {
    const d = event.data ?? {};
    const comment = (d.comment ?? d.summary ?? d.reason ?? null) as string | null;
    const proposed = event.type === 'self_assessment.submitted' ? (d.proposedClassification ?? null) : null;
    const decided = ['review.approved', 'review.proposed', 'review.reclassified', 'review.committee_decided'].includes(event.type) ? (d.classification ?? null) : null;
    const before = event.type === 'review.reclassified' || event.type === 'review.committee_decided' ? (d.from ?? current) : current;
    if (decided) current = decided;
    return { event, comment, before: decided ? before : null, after: decided ?? proposed };
  });
}
