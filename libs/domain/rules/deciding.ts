import type { OrgTree } from '../org/org-tree.js';
import type { SubjectPlan } from '../org/subject-plan.js';

/**
 * Which subjects get a second, deciding review one level up. `cell_members`: a member of a cell is
 * proposed by the cell's head and decided by the head of the grassroots unit above (reg 366).
 */
export type DecidingReviewRule = 'cell_members' | 'none';

export interface Decider {
  deciderId: string;
  /** The unit that decides: it groups the review for the quota. */
  decidingUnitId: string;
}

export function deciderFor(rule: DecidingReviewRule, tree: OrgTree, subject: SubjectPlan): Decider | null {
  if (rule !== 'cell_members' || subject.subjectType !== 'person') return null;
  if (tree.unit(subject.unitId)?.kind !== 'cell') return null;
  const above = tree.ancestryOf(subject.unitId).slice(0, -1).reverse();
  const grassrootsId = above.find((id) => tree.unit(id)?.kind === 'grassroots');
  if (grassrootsId === undefined) return null;
  const deciderId = tree.headOf(grassrootsId);
  if (deciderId === null || deciderId === subject.reviewerId || deciderId === subject.subjectId) return null;
  return { deciderId, decidingUnitId: grassrootsId };
}
