import type { SubjectType, UnitKind } from '../enums.js';
import type { FieldError } from '../errors.js';

/**
 * Criteria sets a cycle may attach to the collective reviews of its cells. `four_good`: the
 * "Chi bộ 4 tốt" model of Resolution 21-NQ/TW (seed 003), each criterion rated achieved or not.
 */
export const CELL_CRITERIA_SETS = ['four_good'] as const;
export type CellCriteriaSet = (typeof CELL_CRITERIA_SETS)[number];

/**
 * The four criteria, in the resolution's order (seed 003: "successful performance of political
 * tasks; good quality of activities; good solidarity and discipline; good cadres and members").
 */
export const FOUR_GOOD_CRITERIA = ['politicalTasks', 'activityQuality', 'solidarityDiscipline', 'cadresAndMembers'] as const;
export type FourGoodCriterion = (typeof FOUR_GOOD_CRITERIA)[number];

/** Two levels, as the cells rate themselves: "đạt" / "không đạt". */
export const CRITERION_RESULTS = ['achieved', 'not_achieved'] as const;
export type CriterionResult = (typeof CRITERION_RESULTS)[number];

/** What the reviewer sends: one result per criterion. */
export type FourGoodRating = Record<FourGoodCriterion, CriterionResult>;

/** What the review keeps: the four results and the overall one, computed from them. */
export type FourGoodResult = FourGoodRating & { overall: CriterionResult };

/** The overall result is computed, never sent: a cell is "four good" only when all four are achieved. */
export function fourGoodResult(rating: FourGoodRating): FourGoodResult {
  const overall = FOUR_GOOD_CRITERIA.every((c) => rating[c] === 'achieved') ? 'achieved' : 'not_achieved';
  return { ...pick(rating), overall };
}

/** The set a review is launched with: the cycle's, only on the collective review of a cell. */
export function cellCriteriaFor(cycleSet: CellCriteriaSet | null | undefined, subjectType: SubjectType, unitKind: UnitKind | undefined): CellCriteriaSet | undefined {
  return cycleSet && subjectType === 'unit' && unitKind === 'cell' ? cycleSet : undefined;
}

/**
 * The superior review's `fourGood` field: required when the reviewer approves a review that
 * carries the set; refused on a return (nothing is decided yet) and on every other review.
 */
export function checkFourGoodRating(cellCriteria: CellCriteriaSet | undefined, decision: 'approve' | 'return', rating: FourGoodRating | null | undefined): FieldError[] {
  const given = rating !== undefined && rating !== null;
  if (!cellCriteria) return given ? [{ path: 'fourGood', message: 'only for the collective review of a cell in a cycle launched with cellCriteria four_good' }] : [];
  if (decision === 'return') return given ? [{ path: 'fourGood', message: 'only given when the decision is approve' }] : [];
  return given ? [] : [{ path: 'fourGood', message: 'required when approving a cell in a cycle with the four good criteria: rate each of the four criteria achieved or not_achieved' }];
}

/** Only the four criteria, in their order (a stored result never carries anything else). */
function pick(rating: FourGoodRating): FourGoodRating {
  return Object.fromEntries(FOUR_GOOD_CRITERIA.map((c) => [c, rating[c]])) as FourGoodRating;
}
