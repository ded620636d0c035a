import type { DataSource } from 'typeorm';
import type { SubjectType } from '../domain/enums.js';
import type { SubjectFacts } from '../domain/rules/conditions.js';
import { CycleEntity } from '../persistence/entities/index.js';
import { gatherSubjectFacts } from './subject-facts.js';

/**
 * One subject's facts as the registry and earlier cycles hold them now: read by the review's
 * workflow (as a local activity) right before a classification is proposed or approved.
 */
export function makeCurrentSubjectFacts(db: DataSource) {
  return async function currentSubjectFacts(input: { cycleId: string; subjectType: SubjectType; subjectId: string }): Promise<SubjectFacts> {
    const cycle = await db.getRepository(CycleEntity).findOneByOrFail({ id: input.cycleId });
    const facts = await gatherSubjectFacts(db, cycle.year, [{ subjectType: input.subjectType, subjectId: input.subjectId }]);
    return facts.get(`${input.subjectType}:${input.subjectId}`)!;
  };
}
