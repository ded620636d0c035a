const DAY = 86_400_000;

/**
 * A POST /cycles body whose steps are open now and due months from now, whatever the date the
 * tests run on: self-assessment opened a minute ago, nothing late or reminded while a test runs.
 * The year defaults to next year; tests about the calendar pass their own dates in `extra.calendar`.
 */
export function cycleBody(rootUnitId: string, extra: Record<string, unknown> & { year?: number; calendar?: Record<string, unknown> } = {}) {
  const now = Date.now();
  const at = (ms: number) => new Date(now + ms).toISOString();
  const calendar = {
    targetsDueAt: at(300 * DAY),
    selfAssessmentOpensAt: at(-60_000),
    selfAssessmentDueAt: at(310 * DAY),
    reviewDueAt: at(320 * DAY),
    remediationDueAt: at(330 * DAY),
    reportDueAt: at(330 * DAY),
    ...extra.calendar,
  };
  return { year: new Date(now).getUTCFullYear() + 1, rootUnitId, ...extra, calendar };
}
