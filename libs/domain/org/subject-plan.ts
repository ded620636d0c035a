import type { SubjectType } from '../enums.js';
import type { OrgTree } from './org-tree.js';

/** One review to run: who is reviewed, who acts on each side, and which unit owns it. */
export interface SubjectPlan {
  subjectType: SubjectType;
  subjectId: string;
  subjectName: string;
  /** The person's unit, or the unit itself for a collective. */
  unitId: string;
  /** Who assigns the targets and reviews ("whoever assigns the task evaluates it"). */
  reviewerId: string;
  /** Who writes the self-assessment and the remediation plan: the person, or the unit's head. */
  selfActorId: string;
  /** The unit whose workflow runs this review and whose report counts it. */
  ownerUnitId: string;
  /** The unit whose quota groups this review; null when decided outside the cycle (the superior). */
  decidingUnitId: string | null;
}

export interface CycleScope {
  rootUnitId: string;
  superiorReviewerId: string | null;
}

/** A subject the rules cannot staff: nobody to review it or nobody to write its self-assessment. */
export interface UnstaffedSubject {
  subjectType: SubjectType;
  subjectId: string;
  reason: string;
}

export interface UnitPlan {
  subjects: SubjectPlan[];
  unstaffed: UnstaffedSubject[];
  childUnitIds: string[];
  headId: string | null;
}

/**
 * The reviews a unit decides in a cycle: its members (not its own head), each child unit as a
 * collective, and each child's own head. At the root, the root collective and the root's head
 * too, when the cycle names a superior reviewer.
 */
export function planUnit(tree: OrgTree, unitId: string, scope: CycleScope): UnitPlan {
  const subjects: SubjectPlan[] = [];
  const unstaffed: UnstaffedSubject[] = [];
  const isRoot = unitId === scope.rootUnitId;
  // Nobody heads the unit or anything above it: the superior named for the cycle steps in.
  const head = tree.headOf(unitId) ?? scope.superiorReviewerId;

  const add = (plan: Omit<SubjectPlan, 'reviewerId' | 'selfActorId'>, reviewerId: string | null, selfActorId: string | null) => {
    if (reviewerId === null || selfActorId === null) {
      const missing = reviewerId === null ? 'no head above it to review it' : 'no head to write its self-assessment';
      unstaffed.push({ subjectType: plan.subjectType, subjectId: plan.subjectId, reason: missing });
      return;
    }
    if (plan.subjectType === 'person' && reviewerId === plan.subjectId) {
      unstaffed.push({ subjectType: 'person', subjectId: plan.subjectId, reason: 'would review themselves' });
      return;
    }
    subjects.push({ ...plan, reviewerId, selfActorId });
  };

  if (isRoot && scope.superiorReviewerId !== null) {
    const root = tree.unit(unitId);
    if (root) {
      const unitBase = { subjectType: 'unit' as const, subjectId: root.id, subjectName: root.name, unitId: root.id };
      add({ ...unitBase, ownerUnitId: unitId, decidingUnitId: null }, scope.superiorReviewerId, tree.headOf(root.id));
      const rootHead = tree.ownHeadOf(root.id);
      if (rootHead) {
        const personBase = { subjectType: 'person' as const, subjectId: rootHead.id, subjectName: rootHead.name, unitId: root.id };
        add({ ...personBase, ownerUnitId: unitId, decidingUnitId: null }, scope.superiorReviewerId, rootHead.id);
      }
    }
  }

  for (const person of tree.peopleOf(unitId)) {
    if (tree.isOwnHead(person)) continue; // reviewed one level up
    const base = { subjectType: 'person' as const, subjectId: person.id, subjectName: person.name, unitId };
    add({ ...base, ownerUnitId: unitId, decidingUnitId: unitId }, head, person.id);
  }

  for (const childId of tree.childrenOf(unitId)) {
    const child = tree.unit(childId)!;
    const unitBase = { subjectType: 'unit' as const, subjectId: child.id, subjectName: child.name, unitId: child.id };
    const childSelf = tree.headOf(child.id);
    // A child with no head of its own is written by this unit's head, who must not also approve
    // it: the next head up (else the cycle's superior) reviews it, and that head's unit groups it
    // for the quota. Only with nobody at all above does the head do both, so the cycle can finish.
    const above = childSelf !== null && childSelf === head ? otherDecider(tree, unitId, childSelf, scope) : null;
    if (above) add({ ...unitBase, ownerUnitId: unitId, decidingUnitId: above.unitId }, above.headId, childSelf);
    else add({ ...unitBase, ownerUnitId: unitId, decidingUnitId: unitId }, head, childSelf);
    const childHead = tree.ownHeadOf(child.id);
    if (childHead) {
      const personBase = { subjectType: 'person' as const, subjectId: childHead.id, subjectName: childHead.name, unitId: child.id };
      add({ ...personBase, ownerUnitId: unitId, decidingUnitId: unitId }, head, childHead.id);
    }
  }

  return { subjects, unstaffed, childUnitIds: [...tree.childrenOf(unitId)], headId: head };
}

/** Who decides instead of `personId`: the nearest head above `unitId` who is someone else, else the cycle's superior. */
function otherDecider(tree: OrgTree, unitId: string, personId: string, scope: CycleScope): { unitId: string | null; headId: string } | null {
  const above = tree.headAbove(unitId, personId);
  if (above) return above;
  return scope.superiorReviewerId !== null && scope.superiorReviewerId !== personId ? { unitId: null, headId: scope.superiorReviewerId } : null;
}

/** Every review of a cycle, unit by unit, with what cannot be staffed. */
export function planCycle(tree: OrgTree, scope: CycleScope): { subjects: number; units: number; unstaffed: UnstaffedSubject[] } {
  let subjects = 0;
  const unstaffed: UnstaffedSubject[] = [];
  const units = tree.subtreeOf(scope.rootUnitId);
  for (const unitId of units) {
    const plan = planUnit(tree, unitId, scope);
    subjects += plan.subjects.length;
    unstaffed.push(...plan.unstaffed);
  }
  return { subjects, units: units.length, unstaffed };
}
