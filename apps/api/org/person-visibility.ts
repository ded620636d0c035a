import type { PersonView } from './person-view.js';

/**
 * Who is reading a unit's people, from the widest view to the narrowest: an administrator or
 * auditor whose scope holds the unit; the unit's head (who reviews its members); a member of the unit.
 */
export type PeopleReader = 'registry' | 'head' | 'member';

/**
 * What each reader's work needs (README "Who sees what of a person"). A member needs a
 * co-member's name where a review page names someone; the head also needs each member's
 * standing and discipline, which bound the classification (the `discipline` condition);
 * contact details, roles and logins are the registry's business.
 */
export const PERSON_FIELDS: Record<PeopleReader, ReadonlyArray<keyof PersonView>> = {
  registry: ['id', 'name', 'unitId', 'position', 'email', 'discipline', 'status', 'hasLogin', 'roles', 'managedByUnitId'],
  head: ['id', 'name', 'unitId', 'position', 'discipline', 'status'],
  member: ['id', 'name', 'unitId', 'position'],
};

/** What every reader sees of a person; the rest depends on the reader. */
export type PersonAsSeen = Pick<PersonView, 'id' | 'name' | 'unitId' | 'position'> & Partial<PersonView>;

/** The person with only the fields this reader may see. */
export function personAsSeenBy(reader: PeopleReader, person: PersonView): PersonAsSeen {
  return Object.fromEntries(PERSON_FIELDS[reader].map((field) => [field, person[field]])) as PersonAsSeen;
}
