/**
 * SQL: the account aliased `a` may be used. An account belonging to a person is usable only
 * while that person is an active member: striking someone off ends their sign-in, their
 * sessions and their roles at once. The bootstrap administrator has no person and is unaffected.
 */
export function accountInGoodStanding(a: string): string {
  return `(${a}.person_id IS NULL OR EXISTS (SELECT 1 FROM people p WHERE p.id = ${a}.person_id AND p.status = 'active'))`;
}
