import type { EntityManager, DataSource } from 'typeorm';
import type { SubjectType } from '../domain/enums.js';
import type { DisciplineRecord, SubjectFacts } from '../domain/rules/conditions.js';
import type { ReviewState } from '../domain/review/review-state.js';

type Db = DataSource | EntityManager;

/**
 * What the conditions need about each subject, read from the registry and from earlier cycles:
 * a person's discipline records of the cycle's year; for a unit, whether a leadership member of
 * it or of a unit below it was disciplined that year, and how many of its own members were
 * disciplined that year for a violation in the performance of duty; the shortcomings of the subject's previous
 * yearly review whose remediation plan was never approved (null when there was no previous review). Quarterly,
 * term and ad hoc reviews (issue #12) are not "the last review" the conditions mean: the yearly one is.
 */
export async function gatherSubjectFacts(
  db: Db,
  year: number,
  subjects: ReadonlyArray<{ subjectType: SubjectType; subjectId: string }>,
): Promise<Map<string, SubjectFacts>> {
  const personIds = subjects.filter((s) => s.subjectType === 'person').map((s) => s.subjectId);
  const unitIds = subjects.filter((s) => s.subjectType === 'unit').map((s) => s.subjectId);

  const people: Array<{ id: string; discipline: DisciplineRecord[] }> = await db.query(`SELECT id, discipline FROM people WHERE id = ANY($1)`, [personIds]);
  const disciplineOf = new Map(people.map((p) => [p.id, (p.discipline ?? []).filter((d) => d.year === year)]));

  const tainted: Array<{ id: string }> = await db.query(
    `SELECT u.id FROM units u
      WHERE u.id = ANY($1) AND EXISTS (
        SELECT 1 FROM people p JOIN units pu ON pu.id = p.unit_id
         WHERE p.position <> 'member' AND (pu.id = u.id OR pu.ancestor_ids @> ARRAY[u.id]::text[])
           AND EXISTS (SELECT 1 FROM jsonb_array_elements(p.discipline) d WHERE (d->>'year')::int = $2))`,
    [unitIds, year],
  );
  const taintedUnits = new Set(tainted.map((t) => t.id));

  // The collective's own members (registered in the unit itself), disciplined that year for a violation in the performance of duty.
  const dutyRows: Array<{ unit_id: string; n: number }> = await db.query(
    `SELECT p.unit_id, count(*)::int AS n FROM people p
      WHERE p.unit_id = ANY($1)
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(p.discipline) d WHERE (d->>'year')::int = $2 AND (d->>'dutyRelated')::boolean IS TRUE)
      GROUP BY p.unit_id`,
    [unitIds, year],
  );
  const dutyDisciplined = new Map(dutyRows.map((r) => [r.unit_id, r.n]));

  const previous: Array<{ subject_type: SubjectType; subject_id: string; state: ReviewState }> = await db.query(
    `SELECT DISTINCT ON (r.subject_type, r.subject_id) r.subject_type, r.subject_id, r.state
       FROM reviews r JOIN cycles c ON c.id = r.cycle_id
      WHERE c.year < $1 AND c.period->>'kind' = 'year' AND ((r.subject_type = 'person' AND r.subject_id = ANY($2)) OR (r.subject_type = 'unit' AND r.subject_id = ANY($3)))
      ORDER BY r.subject_type, r.subject_id, c.year DESC, c.created_at DESC`,
    [year, personIds, unitIds],
  );
  const previousOf = new Map(previous.map((p) => [`${p.subject_type}:${p.subject_id}`, p.state]));

  const facts = new Map<string, SubjectFacts>();
  for (const s of subjects) {
    const key = `${s.subjectType}:${s.subjectId}`;
    const before = previousOf.get(key);
    const unremedied = before === undefined ? null : before.remediationPlan?.status === 'approved' ? [] : (before.review?.shortcomings ?? []);
    facts.set(key, {
      discipline: s.subjectType === 'person' ? (disciplineOf.get(s.subjectId) ?? []).map((d) => ({ year: d.year, level: d.level, selfDetected: d.selfDetected === true })) : [],
      subordinateDisciplined: s.subjectType === 'unit' && taintedUnits.has(s.subjectId),
      unremediedShortcomings: unremedied,
      ...(s.subjectType === 'unit' ? { dutyDisciplinedMembers: dutyDisciplined.get(s.subjectId) ?? 0 } : {}),
    });
  }
  return facts;
}
