import type { FieldError } from '../errors.js';
import { chainOf, type RegistryImport, type RegistrySnapshot } from './import-rules.js';

/**
 * Nobody may take over a role wider than their own scope. A scoped administrator may manage the
 * people whose membership lies in their subtree, but not the login or the roles of one who also
 * holds a role outside it (a province auditor sitting in a district cell): setting that person's
 * password or username, or writing their roles, would hand the importer the wider role.
 * Returns one error per offending field (`people[3].password`); empty when nothing is taken over.
 */
export function findTakeovers(snapshot: RegistrySnapshot, payload: RegistryImport, callerScope: string[] | 'all'): FieldError[] {
  if (callerScope === 'all') return [];
  // The stored tree: an import cannot move a unit from outside the caller's scope into it.
  const parents = new Map(snapshot.units.map((u) => [u.id, u.parentId]));
  const covers = (unitId: string | null) => unitId !== null && chainOf(unitId, parents).some((id) => callerScope.includes(id));
  const accountById = new Map(snapshot.accounts.map((a) => [a.id, a]));
  const errors: FieldError[] = [];
  payload.people.forEach((person, i) => {
    const wider = accountById.get(person.id)?.roles.find((grant) => !covers(grant.unitId));
    if (!wider) return;
    const stored = accountById.get(person.id)!;
    const held = `'${person.id}' holds the ${wider.role} role of ${wider.unitId === null ? 'every unit' : `unit '${wider.unitId}'`}, outside your scope`;
    if (person.password) errors.push({ path: `people[${i}].password`, message: `${held}: you cannot set their password` });
    const username = person.username?.trim();
    if (username && username !== stored.username) errors.push({ path: `people[${i}].username`, message: `${held}: you cannot change their username` });
    if (person.roles) errors.push({ path: `people[${i}].roles`, message: `${held}: you cannot change their roles` });
  });
  return errors;
}
