import type { Position, UnitKind } from '../enums.js';
import type { Decider } from '../rules/deciding.js';
import type { OrgTree } from './org-tree.js';
import type { SubjectPlan } from './subject-plan.js';

// A person flagged in the registry as managed by a higher unit's standing committee
// (`managedByUnitId`, reg 366 Art. 10–11: a department director who sits on the provincial
// committee) gets an extra review by that unit's head after the normal decision. The managing
// unit must stand above the unit whose head decides the person's review, or the same level would
// decide twice.

export interface ManagingCommittee {
  unitId: string;
  reviewerId: string;
}

/**
 * The unit whose head decides a person's review, as the registry's shape says: the parent unit
 * for a unit's head (a secretary, or a deputy where the unit has no secretary); the grassroots
 * unit above for a member of a cell (reg 366's deciding review); else the person's own unit.
 */
export function decidingLevelOf(
  person: { unitId: string; position: Position },
  unitHasSecretary: boolean,
  parentOf: (unitId: string) => string | null,
  kindOf: (unitId: string) => UnitKind | undefined,
): string | null {
  const heads = person.position === 'secretary' || (person.position === 'deputy_secretary' && !unitHasSecretary);
  if (heads) return parentOf(person.unitId);
  if (kindOf(person.unitId) === 'cell') {
    for (let id = parentOf(person.unitId); id !== null; id = parentOf(id)) if (kindOf(id) === 'grassroots') return id;
  }
  return person.unitId;
}

/**
 * The committee that reviews this subject after its decision, as a review is launched: the
 * flagged unit still above the deciding unit in the tree, headed by someone other than the subject
 * and the decider. Null otherwise (no flag, or the registry changed so that it no longer applies).
 */
export function committeeFor(tree: OrgTree, subject: SubjectPlan, decider: Decider | null): ManagingCommittee | null {
  if (subject.subjectType !== 'person') return null;
  const unitId = tree.person(subject.subjectId)?.managedByUnitId ?? null;
  if (unitId === null || !tree.unit(unitId)) return null;
  const decidingUnitId = decider?.decidingUnitId ?? subject.decidingUnitId ?? subject.unitId;
  if (!tree.ancestryOf(decidingUnitId).slice(0, -1).includes(unitId)) return null;
  const reviewerId = tree.headOf(unitId);
  if (reviewerId === null || reviewerId === subject.subjectId || reviewerId === (decider?.deciderId ?? subject.reviewerId)) return null;
  return { unitId, reviewerId };
}
