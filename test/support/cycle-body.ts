/**
 * A POST /cycles body whose steps are all open now: next year's default due dates (so nothing is
 * late or reminded while a test runs) with self-assessment opened a minute ago. Tests about the
 * calendar itself pass their own dates in `extra.calendar`.
 */
export function cycleBody(rootUnitId: string, extra: Record<string, unknown> & { calendar?: Record<string, unknown> } = {}) {
  const year = new Date().getUTCFullYear() + 1;
  const calendar = { selfAssessmentOpensAt: new Date(Date.now() - 60_000).toISOString(), ...extra.calendar };
  return { year, rootUnitId, ...extra, calendar };
}
