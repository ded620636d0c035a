import type { SubjectPlan } from '../../libs/domain/org/subject-plan.js';

/** A person's plan in unit U, reviewed by 'rev': what the review machine tests launch from. */
export function personPlan(over: Partial<SubjectPlan> = {}): SubjectPlan {
  return {
    subjectType: 'person',
    subjectId: 'sub',
    subjectName: 'Subject Person',
    unitId: 'U',
    reviewerId: 'rev',
    selfActorId: 'sub',
    ownerUnitId: 'U',
    decidingUnitId: 'U',
    ...over,
  };
}
