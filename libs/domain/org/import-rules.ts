import type { DisciplineLevel, PersonStatus, Position, Role, UnitKind, UnitStatus } from '../enums.js';
import type { FieldError } from '../errors.js';
import { decidingLevelOf } from './managing-committee.js';
import type { PersonRecord, UnitRecord } from './org-records.js';

export interface UnitImport {
  id: string;
  parentId: string | null;
  name: string;
  kind: UnitKind;
  /** The unit this one is merged into. Omitted: the stored status stays (a new unit is active). */
  mergedInto?: string | null;
  /** true dissolves the unit. Omitted or false: the stored status stays. */
  dissolved?: boolean | null;
}

export interface PersonImport {
  id: string;
  name: string;
  unitId: string;
  position: Position;
  email?: string | null;
  username?: string | null;
  password?: string | null;
  roles?: Array<{ role: Role; unitId: string }> | null;
  discipline?: Array<{ year: number; level: DisciplineLevel; selfDetected?: boolean | null; dutyRelated?: boolean | null }> | null;
  /** Omitted: a new person is active, a stored one keeps their status. */
  status?: PersonStatus | null;
  /** The higher unit whose standing committee manages the person. Omitted: the stored value stays; null: none. */
  managedByUnitId?: string | null;
}

export interface RegistryImport {
  units: UnitImport[];
  people: PersonImport[];
}

/** What the import is checked against: the registry as stored (the parts that matter). */
export interface RegistrySnapshot {
  units: readonly UnitRecord[];
  /** Every stored person the import mentions, every stored secretary, and the active people of the units it merges or dissolves. */
  people: readonly PersonRecord[];
  /** Stored accounts whose username or id the import mentions. */
  accounts: ReadonlyArray<{ id: string; username: string; roles: ReadonlyArray<{ role: Role; unitId: string | null }> }>;
  /** Cycles not finished whose root is a unit the import merges or dissolves (absent: none). */
  openCycleRoots?: ReadonlyArray<{ cycleId: string; title: string; rootUnitId: string }>;
}

export interface ImportContext {
  /** Units whose subtrees the caller administers, or 'all'. */
  callerScope: string[] | 'all';
  /** Usernames nobody may take (the bootstrap administrator's). */
  reservedUsernames: readonly string[];
  /** Actor ids nobody may take as a person id (the bootstrap administrator's). */
  reservedIds: readonly string[];
  minPasswordLength: number;
}

/**
 * Checks an import against the registry it would change, all rules at once: the result lists
 * every offending field with its path (`people[3].unitId`). Empty means the import may be applied.
 */
export function checkImport(snapshot: RegistrySnapshot, payload: RegistryImport, context: ImportContext): FieldError[] {
  const errors: FieldError[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });

  const storedUnits = new Map(snapshot.units.map((u) => [u.id, u]));
  const storedPeople = new Map(snapshot.people.map((p) => [p.id, p]));
  const mergedParent = new Map<string, string | null>([...storedUnits].map(([id, u]) => [id, u.parentId]));
  for (const unit of payload.units) mergedParent.set(unit.id, unit.parentId);
  const mergedPeople = new Map(snapshot.people.map((p) => [p.id, p]));
  for (const person of payload.people) {
    mergedPeople.set(person.id, { ...person, status: person.status ?? storedPeople.get(person.id)?.status ?? 'active' });
  }

  reportDuplicates(payload.units, 'units', add);
  checkRetirements(snapshot, payload, mergedParent, mergedPeople, add);
  reportDuplicates(payload.people, 'people', add);

  payload.units.forEach((unit, i) => {
    if (unit.parentId !== null && !mergedParent.has(unit.parentId)) add(`units[${i}].parentId`, `unknown unit '${unit.parentId}'`);
    const loop = cycleFrom(unit.id, mergedParent);
    if (loop) add(`units[${i}].parentId`, `would make a cycle in the tree: ${loop.join(' → ')}`);
  });

  payload.people.forEach((person, i) => {
    if (!mergedParent.has(person.unitId)) add(`people[${i}].unitId`, `unknown unit '${person.unitId}'`);
    if (context.reservedIds.includes(person.id)) add(`people[${i}].id`, `'${person.id}' is reserved for the bootstrap administrator`);
  });

  // At most one secretary per unit, in the registry as it would be after the import.
  const secretaries = new Map<string, string[]>();
  for (const person of mergedPeople.values()) {
    if (person.position !== 'secretary' || person.status === 'struck_off') continue; // a struck-off secretary heads nothing
    secretaries.set(person.unitId, [...(secretaries.get(person.unitId) ?? []), person.id]);
  }
  payload.people.forEach((person, i) => {
    const inUnit = secretaries.get(person.unitId) ?? [];
    if (person.position === 'secretary' && inUnit.length > 1) {
      add(`people[${i}].position`, `unit '${person.unitId}' would have ${inUnit.length} secretaries: ${inUnit.join(', ')}`);
    }
  });

  checkCredentials(snapshot, payload, context, add);
  checkManagingUnits(snapshot, payload, mergedParent, mergedPeople, add);

  // Scope: the caller may only touch units and people in their subtrees, before and after.
  const ancestry = (unitId: string) => chainOf(unitId, mergedParent);
  const storedAncestry = (unitId: string) => chainOf(unitId, new Map([...storedUnits].map(([id, u]) => [id, u.parentId])));
  const inScope = (chain: string[]) => context.callerScope === 'all' || chain.some((id) => context.callerScope.includes(id));
  payload.units.forEach((unit, i) => {
    const now = inScope(ancestry(unit.id));
    const before = !storedUnits.has(unit.id) || inScope(storedAncestry(unit.id));
    if (!now || !before) add(`units[${i}]`, `unit '${unit.id}' is outside your scope`);
    // The top of a scope is in scope by its own id; moving it must not carry it under a unit outside.
    else if (unit.parentId !== (storedUnits.get(unit.id)?.parentId ?? null) && (unit.parentId === null || !inScope(ancestry(unit.parentId)))) {
      add(`units[${i}].parentId`, `'${unit.parentId ?? 'null'}' is outside your scope: you cannot move unit '${unit.id}' there`);
    }
    if (unit.mergedInto && mergedParent.has(unit.mergedInto) && !inScope(ancestry(unit.mergedInto))) {
      add(`units[${i}].mergedInto`, `'${unit.mergedInto}' is outside your scope: you cannot merge unit '${unit.id}' into it`);
    }
  });
  payload.people.forEach((person, i) => {
    const stored = storedPeople.get(person.id);
    const now = inScope(ancestry(person.unitId));
    const before = !stored || inScope(storedAncestry(stored.unitId));
    if (!now || !before) add(`people[${i}]`, `person '${person.id}' is outside your scope`);
    person.roles?.forEach((role, j) => {
      if (!mergedParent.has(role.unitId)) add(`people[${i}].roles[${j}].unitId`, `unknown unit '${role.unitId}'`);
      else if (!inScope(ancestry(role.unitId))) add(`people[${i}].roles[${j}].unitId`, `unit '${role.unitId}' is outside your scope: you cannot grant roles there`);
    });
  });

  return errors;
}

/** A unit's status after the import: merged or dissolved are for good, omitted keeps the stored one. */
export function importedUnitStatus(unit: UnitImport, stored: UnitRecord | undefined): UnitStatus {
  if (unit.mergedInto) return 'merged';
  if (unit.dissolved) return 'dissolved';
  return stored?.status ?? 'active';
}

/** Every unit's status once the import is applied: stored, or as the import sets it. */
function unitStatusesAfter(snapshot: RegistrySnapshot, payload: RegistryImport): Map<string, UnitStatus> {
  const stored = new Map(snapshot.units.map((u) => [u.id, u]));
  const statuses = new Map<string, UnitStatus>([...stored].map(([id, u]) => [id, u.status ?? 'active']));
  for (const unit of payload.units) statuses.set(unit.id, importedUnitStatus(unit, stored.get(unit.id)));
  return statuses;
}

/**
 * Merged and dissolved units leave the tree: one is merged into an active unit outside its own
 * subtree, is not both, and keeps no active people or child units (they are moved first, or by
 * the same import); nobody is placed in or under a unit that left.
 */
function checkRetirements(
  snapshot: RegistrySnapshot,
  payload: RegistryImport,
  parents: Map<string, string | null>,
  people: Map<string, PersonRecord>,
  add: (path: string, message: string) => void,
): void {
  const stored = new Map(snapshot.units.map((u) => [u.id, u]));
  const status = unitStatusesAfter(snapshot, payload);
  const retired = (unitId: string) => (status.get(unitId) ?? 'active') !== 'active';

  payload.units.forEach((unit, i) => {
    if (unit.mergedInto && unit.dissolved) add(`units[${i}].dissolved`, `unit '${unit.id}' is merged into '${unit.mergedInto}': it cannot also be dissolved`);
    const field = unit.mergedInto ? `units[${i}].mergedInto` : `units[${i}].dissolved`;
    if (unit.mergedInto) {
      if (!parents.has(unit.mergedInto)) add(field, `unknown unit '${unit.mergedInto}'`);
      else if (chainOf(unit.mergedInto, parents).includes(unit.id)) add(field, `'${unit.mergedInto}' is inside unit '${unit.id}' itself: a unit merges into a unit outside its own subtree`);
      else if (retired(unit.mergedInto)) add(field, `unit '${unit.mergedInto}' is ${status.get(unit.mergedInto)} itself: merge into an active unit`);
    } else if (unit.parentId !== null && retired(unit.parentId)) {
      add(`units[${i}].parentId`, `unit '${unit.parentId}' is ${status.get(unit.parentId)}: it takes no child units`);
    }
    if (!retired(unit.id)) return;
    // A cycle's root reports to nobody inside the cycle: nothing could take over its report.
    const retiresNow = (stored.get(unit.id)?.status ?? 'active') === 'active';
    for (const cycle of snapshot.openCycleRoots ?? []) {
      if (retiresNow && cycle.rootUnitId === unit.id) {
        add(field, `unit '${unit.id}' is the root of the cycle '${cycle.title}' (${cycle.cycleId}), still open: complete or cancel it first`);
      }
    }
    const stay = [...people.values()]
      .filter((p) => p.unitId === unit.id && (p.status ?? 'active') === 'active')
      .map((p) => p.id)
      .sort();
    const children = [...parents]
      .filter(([id, parentId]) => parentId === unit.id && !retired(id))
      .map(([id]) => id)
      .sort();
    if (stay.length > 0) add(field, `unit '${unit.id}' still has people not moved: ${listed(stay)}`);
    if (children.length > 0) add(field, `unit '${unit.id}' still has child units not moved: ${listed(children)}`);
  });
  payload.people.forEach((person, i) => {
    if (retired(person.unitId) && (person.status ?? 'active') === 'active') add(`people[${i}].unitId`, `unit '${person.unitId}' is ${status.get(person.unitId)}: it has no members`);
  });
}

/**
 * `managedByUnitId` names an active unit above the unit whose head decides the person's review
 * (the launch checks it again against the tree of the day, and leaves the extra review out if it
 * no longer fits).
 */
function checkManagingUnits(
  snapshot: RegistrySnapshot,
  payload: RegistryImport,
  parents: Map<string, string | null>,
  people: Map<string, PersonRecord>,
  add: (path: string, message: string) => void,
): void {
  const kinds = new Map<string, UnitKind>(snapshot.units.map((u) => [u.id, u.kind]));
  for (const unit of payload.units) kinds.set(unit.id, unit.kind);
  const statuses = unitStatusesAfter(snapshot, payload);
  const withSecretary = new Set([...people.values()].filter((p) => p.position === 'secretary' && (p.status ?? 'active') === 'active').map((p) => p.unitId));
  payload.people.forEach((person, i) => {
    const managing = person.managedByUnitId;
    if (!managing) return;
    const path = `people[${i}].managedByUnitId`;
    if (!parents.has(managing)) return add(path, `unknown unit '${managing}'`);
    if (statuses.get(managing) !== 'active') return add(path, `unit '${managing}' is ${statuses.get(managing)}: name an active unit`);
    if (!parents.has(person.unitId)) return; // reported on people[i].unitId
    const deciding = decidingLevelOf(person, withSecretary.has(person.unitId), (id) => parents.get(id) ?? null, (id) => kinds.get(id));
    if (deciding === null || !chainOf(deciding, parents).slice(1).includes(managing)) {
      add(path, `unit '${managing}' is not above '${deciding ?? person.unitId}', whose head decides the review of '${person.id}': name a higher unit`);
    }
  });
}

const listed = (ids: string[]) => (ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more`);

function checkCredentials(snapshot: RegistrySnapshot, payload: RegistryImport, context: ImportContext, add: (path: string, message: string) => void): void {
  const accountByUsername = new Map(snapshot.accounts.map((a) => [a.username.toLowerCase(), a.id]));
  const accountIds = new Set(snapshot.accounts.map((a) => a.id));
  const firstUse = new Map<string, number>();
  payload.people.forEach((person, i) => {
    const username = person.username?.trim();
    if (username) {
      const key = username.toLowerCase();
      const owner = accountByUsername.get(key);
      if (context.reservedUsernames.some((r) => r.toLowerCase() === key) || (owner !== undefined && owner !== person.id)) {
        add(`people[${i}].username`, `username '${username}' is already taken`);
      } else if (firstUse.has(key)) {
        add(`people[${i}].username`, `username '${username}' is also given to people[${firstUse.get(key)}]`);
      } else {
        firstUse.set(key, i);
      }
    }
    if (person.roles?.length && !username && !accountIds.has(person.id)) add(`people[${i}].roles`, 'roles need a username to log in with');
    if (person.password) {
      if (person.password.length < context.minPasswordLength) add(`people[${i}].password`, `must be at least ${context.minPasswordLength} characters`);
      if (!username && !accountIds.has(person.id)) add(`people[${i}].password`, 'a password needs a username');
    }
  });
}

function reportDuplicates(items: ReadonlyArray<{ id: string }>, field: string, add: (path: string, message: string) => void): void {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const seen = first.get(item.id);
    if (seen === undefined) first.set(item.id, i);
    else add(`${field}[${i}].id`, `duplicate id '${item.id}' (also ${field}[${seen}])`);
  });
}

/** The loop through `unitId` if following parents from it comes back to it. */
function cycleFrom(unitId: string, parents: Map<string, string | null>): string[] | null {
  const path = [unitId];
  let current = parents.get(unitId) ?? null;
  const seen = new Set([unitId]);
  while (current !== null) {
    path.push(current);
    if (current === unitId) return path;
    if (seen.has(current)) return null; // a loop further up, reported for the units on it
    seen.add(current);
    current = parents.get(current) ?? null;
  }
  return null;
}

/** The unit and its ancestors, stopping at a loop or an unknown parent. */
export function chainOf(unitId: string, parents: Map<string, string | null>): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  let current: string | null = unitId;
  while (current !== null && !seen.has(current) && parents.has(current)) {
    seen.add(current);
    chain.push(current);
    current = parents.get(current) ?? null;
  }
  return chain;
}
