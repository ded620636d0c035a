import { defineSearchAttributeKey, SearchAttributeType, TypedSearchAttributes } from '@temporalio/common';

const CYCLE_KEY = defineSearchAttributeKey('ReviewCycleId', SearchAttributeType.KEYWORD);
const UNIT_KEY = defineSearchAttributeKey('ReviewUnitId', SearchAttributeType.KEYWORD);

/** Lets operators find a cycle's or a unit's workflows in the Temporal UI. */
export function reviewSearchAttributes(cycleId: string, unitId: string): TypedSearchAttributes {
  return new TypedSearchAttributes([
    { key: CYCLE_KEY, value: cycleId },
    { key: UNIT_KEY, value: unitId },
  ]);
}
