import type { PersonRecord, UnitRecord } from './org-records.js';

/**
 * The organisation tree as the rules read it: who heads a unit and who reviews whom.
 * Pure and in-memory, built from registry records; the same answers in the API, the
 * activities and the tests.
 */
export class OrgTree {
  private readonly units = new Map<string, UnitRecord>();
  private readonly people = new Map<string, PersonRecord>();
  private readonly childrenByUnit = new Map<string, string[]>();
  private readonly peopleByUnit = new Map<string, PersonRecord[]>();
  private readonly headCache = new Map<string, string | null>();

  constructor(units: Iterable<UnitRecord>, people: Iterable<PersonRecord>) {
    for (const unit of units) this.units.set(unit.id, unit);
    for (const unit of this.units.values()) {
      if (unit.parentId === null) continue;
      const siblings = this.childrenByUnit.get(unit.parentId) ?? [];
      siblings.push(unit.id);
      this.childrenByUnit.set(unit.parentId, siblings);
    }
    for (const person of people) {
      this.people.set(person.id, person);
      const members = this.peopleByUnit.get(person.unitId) ?? [];
      members.push(person);
      this.peopleByUnit.set(person.unitId, members);
    }
    // Stable orders make plans and reports reproducible.
    for (const ids of this.childrenByUnit.values()) ids.sort();
    for (const members of this.peopleByUnit.values()) members.sort((a, b) => compareIds(a.id, b.id));
  }

  unit(id: string): UnitRecord | undefined {
    return this.units.get(id);
  }

  person(id: string): PersonRecord | undefined {
    return this.people.get(id);
  }

  childrenOf(unitId: string): readonly string[] {
    return this.childrenByUnit.get(unitId) ?? [];
  }

  peopleOf(unitId: string): readonly PersonRecord[] {
    return this.peopleByUnit.get(unitId) ?? [];
  }

  /** The unit's own head: its secretary, failing that its (first) deputy secretary. */
  ownHeadOf(unitId: string): PersonRecord | null {
    const members = this.peopleOf(unitId);
    return (
      members.find((p) => p.position === 'secretary') ??
      members.find((p) => p.position === 'deputy_secretary') ??
      null
    );
  }

  /** The head who acts for the unit: its own head, failing that the head of the nearest ancestor. */
  headOf(unitId: string): string | null {
    const cached = this.headCache.get(unitId);
    if (cached !== undefined) return cached;
    const own = this.ownHeadOf(unitId);
    const parentId = this.units.get(unitId)?.parentId ?? null;
    const head = own ? own.id : parentId === null ? null : this.headOf(parentId);
    this.headCache.set(unitId, head);
    return head;
  }

  /** Whether the person is the own head of their unit (and so reviewed one level up). */
  isOwnHead(person: PersonRecord): boolean {
    return this.ownHeadOf(person.unitId)?.id === person.id;
  }

  /** Reviewer of a person: the head of their unit; for the head itself, the head of the parent unit. */
  reviewerOfPerson(personId: string): string | null {
    const person = this.people.get(personId);
    if (!person) return null;
    if (!this.isOwnHead(person)) return this.headOf(person.unitId);
    const parentId = this.units.get(person.unitId)?.parentId ?? null;
    return parentId === null ? null : this.headOf(parentId);
  }

  /** Reviewer of a unit as a collective: the head of its parent unit. */
  reviewerOfUnit(unitId: string): string | null {
    const parentId = this.units.get(unitId)?.parentId ?? null;
    return parentId === null ? null : this.headOf(parentId);
  }

  /**
   * The nearest unit above `unitId` whose acting head is not `personId`, with that head: who
   * decides when the head found for a unit would otherwise review their own work. Null when
   * nobody above qualifies (the cycle's superior steps in).
   */
  headAbove(unitId: string, personId: string): { unitId: string; headId: string } | null {
    for (const id of this.ancestryOf(unitId).slice(0, -1).reverse()) {
      const headId = this.headOf(id);
      if (headId !== null && headId !== personId) return { unitId: id, headId };
    }
    return null;
  }

  /** The unit and every unit below it, parents before children. */
  subtreeOf(rootId: string): string[] {
    const out: string[] = [];
    const queue = [rootId];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (!this.units.has(id)) continue;
      out.push(id);
      queue.push(...this.childrenOf(id));
    }
    return out;
  }

  /** Ids from the root of the tree down to the unit (inclusive). */
  ancestryOf(unitId: string): string[] {
    const chain: string[] = [];
    const seen = new Set<string>();
    let current: string | null = unitId;
    while (current !== null && !seen.has(current)) {
      seen.add(current);
      chain.unshift(current);
      current = this.units.get(current)?.parentId ?? null;
    }
    return chain;
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
