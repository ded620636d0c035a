import type { Position, UnitKind } from '../../libs/domain/enums.js';
import type { PersonImport, RegistryImport, UnitImport } from '../../libs/domain/org/import-rules.js';

export const TEST_PASSWORD = 'test-password-1';

/** A unit as a test describes it: local ids, prefixed at build time so every test has its own. */
export interface UnitSpec {
  id: string;
  kind?: UnitKind;
  /** [local person id, position] pairs. */
  people?: Array<[string, Position]>;
  children?: UnitSpec[];
}

export interface OrgFixture {
  prefix: string;
  payload: RegistryImport;
  /** Prefixed id of a unit or person from its local id. */
  id(local: string): string;
  rootId: string;
}

/** Builds an import payload from a tree spec; every person can log in (username = id). */
export function buildOrg(prefix: string, root: UnitSpec): OrgFixture {
  const units: UnitImport[] = [];
  const people: PersonImport[] = [];
  const id = (local: string) => `${prefix}-${local}`;
  const visit = (spec: UnitSpec, parentId: string | null) => {
    units.push({ id: id(spec.id), parentId, name: `Unit ${spec.id}`, kind: spec.kind ?? 'other' });
    for (const [local, position] of spec.people ?? []) {
      people.push({ id: id(local), name: `Person ${local}`, unitId: id(spec.id), position, username: id(local), password: TEST_PASSWORD });
    }
    for (const child of spec.children ?? []) visit(child, id(spec.id));
  };
  visit(root, null);
  return { prefix, payload: { units, people }, id, rootId: id(root.id) };
}

/**
 * Province → district → commune, three levels: P (secretary, deputy, member); D (secretary,
 * member); G (secretary, two members). 8 people, 3 units; with no superior reviewer the cycle
 * has 9 subjects: 7 people and the units D and G (the root and its head are not reviewed).
 */
export function threeLevelOrg(prefix: string): OrgFixture {
  return buildOrg(prefix, {
    id: 'P',
    kind: 'province',
    people: [
      ['p-sec', 'secretary'],
      ['p-dep', 'deputy_secretary'],
      ['p-mem', 'member'],
    ],
    children: [
      {
        id: 'D',
        kind: 'district',
        people: [
          ['d-sec', 'secretary'],
          ['d-mem', 'member'],
        ],
        children: [
          {
            id: 'G',
            kind: 'grassroots',
            people: [
              ['g-sec', 'secretary'],
              ['g-mem1', 'member'],
              ['g-mem2', 'member'],
            ],
          },
        ],
      },
    ],
  });
}
