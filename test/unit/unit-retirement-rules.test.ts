import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldError } from '../../libs/domain/errors.js';
import { checkImport, importedUnitStatus, type PersonImport, type RegistryImport, type RegistrySnapshot, type UnitImport } from '../../libs/domain/org/import-rules.js';

// Stored registry: P → A, P → B → B1, and D (already dissolved) under P.
// b-sec heads B, b-m is a member of B, a-sec heads A.
const SNAPSHOT: RegistrySnapshot = {
  units: [
    { id: 'P', parentId: null, name: 'P', kind: 'province' },
    { id: 'A', parentId: 'P', name: 'A', kind: 'grassroots' },
    { id: 'B', parentId: 'P', name: 'B', kind: 'grassroots' },
    { id: 'B1', parentId: 'B', name: 'B1', kind: 'cell' },
    { id: 'D', parentId: 'P', name: 'D', kind: 'grassroots', status: 'dissolved' },
  ],
  people: [
    { id: 'a-sec', name: 'A secretary', unitId: 'A', position: 'secretary', status: 'active' },
    { id: 'b-sec', name: 'B secretary', unitId: 'B', position: 'secretary', status: 'active' },
    { id: 'b-m', name: 'B member', unitId: 'B', position: 'member', status: 'active' },
  ],
  accounts: [],
};

const unit = (id: string, parentId: string | null, over: Partial<UnitImport> = {}): UnitImport => ({ id, parentId, name: id, kind: 'grassroots', ...over });
const person = (id: string, unitId: string, over: Partial<PersonImport> = {}): PersonImport => ({ id, name: id, unitId, position: 'member', ...over });
// B emptied: its people go to A (as members: A keeps one secretary), its child cell under A.
const emptyB = { people: [person('b-sec', 'A'), person('b-m', 'A')], units: [unit('B1', 'A', { kind: 'cell' })] };

function check(payload: Partial<RegistryImport>, callerScope: string[] | 'all' = 'all'): FieldError[] {
  return checkImport(SNAPSHOT, { units: [], people: [], ...payload }, { callerScope, reservedUsernames: [], reservedIds: [], minPasswordLength: 8 });
}
const pathsOf = (payload: Partial<RegistryImport>, callerScope: string[] | 'all' = 'all') => check(payload, callerScope).map((e) => e.path);

describe('import rules: merged and dissolved units', () => {
  it('accepts a merge into an active unit once the unit is emptied by the same import', () => {
    assert.deepEqual(check({ units: [unit('B', 'P', { mergedInto: 'A' }), ...emptyB.units], people: emptyB.people }), []);
  });

  it('accepts a dissolution once the unit is emptied, and people struck off count as moved', () => {
    const people = [person('b-sec', 'B', { position: 'secretary', status: 'struck_off' }), person('b-m', 'A')];
    assert.deepEqual(check({ units: [unit('B', 'P', { dissolved: true }), ...emptyB.units], people }), []);
  });

  it('names mergedInto for an unknown unit', () => {
    const errors = check({ units: [unit('B', 'P', { mergedInto: 'nowhere' }), ...emptyB.units], people: emptyB.people });
    assert.deepEqual(errors.map((e) => e.path), ['units[0].mergedInto']);
    assert.match(errors[0]!.message, /unknown unit 'nowhere'/);
  });

  it('names mergedInto for the unit itself or a unit inside its own subtree', () => {
    assert.deepEqual(pathsOf({ units: [unit('B', 'P', { mergedInto: 'B' }), ...emptyB.units], people: emptyB.people }), ['units[0].mergedInto']);
    const inside = check({ units: [unit('B', 'P', { mergedInto: 'B1' })], people: emptyB.people });
    assert.ok(inside.some((e) => e.path === 'units[0].mergedInto' && /inside unit 'B' itself/.test(e.message)), JSON.stringify(inside));
  });

  it('names mergedInto for a unit that is merged or dissolved itself', () => {
    const errors = check({ units: [unit('B', 'P', { mergedInto: 'D' }), ...emptyB.units], people: emptyB.people });
    assert.deepEqual(errors.map((e) => e.path), ['units[0].mergedInto']);
    assert.match(errors[0]!.message, /dissolved itself/);
  });

  it('names the field of a unit that still has people or child units not moved', () => {
    const errors = check({ units: [unit('B', 'P', { dissolved: true })] });
    assert.deepEqual(errors.map((e) => e.path), ['units[0].dissolved', 'units[0].dissolved']);
    assert.match(errors[0]!.message, /still has people not moved: b-m, b-sec/);
    assert.match(errors[1]!.message, /still has child units not moved: B1/);
    assert.deepEqual(pathsOf({ units: [unit('B', 'P', { mergedInto: 'A' })], people: emptyB.people }), ['units[0].mergedInto']);
  });

  it('refuses both merged and dissolved at once', () => {
    assert.deepEqual(pathsOf({ units: [unit('B', 'P', { mergedInto: 'A', dissolved: true }), ...emptyB.units], people: emptyB.people }), ['units[0].dissolved']);
  });

  it('places nobody and no unit in a unit that left the tree', () => {
    assert.deepEqual(pathsOf({ people: [person('n', 'D')] }), ['people[0].unitId']);
    assert.deepEqual(pathsOf({ units: [unit('N', 'D')] }), ['units[0].parentId']);
  });

  it('refuses a merge into a unit outside the caller\'s scope', () => {
    const units = [unit('Q', null, { kind: 'province' }), unit('B', 'P', { mergedInto: 'Q' }), ...emptyB.units];
    assert.ok(pathsOf({ units: units.slice(1), people: emptyB.people }, ['B', 'A']).includes('units[0].mergedInto'));
  });

  it('keeps a stored status when the fields are left out, and a new unit active', () => {
    assert.equal(importedUnitStatus(unit('D', 'P'), SNAPSHOT.units[4]), 'dissolved');
    assert.equal(importedUnitStatus(unit('N', 'P'), undefined), 'active');
    assert.equal(importedUnitStatus(unit('B', 'P', { mergedInto: 'A' }), SNAPSHOT.units[2]), 'merged');
    assert.equal(importedUnitStatus(unit('B', 'P', { dissolved: false }), SNAPSHOT.units[2]), 'active');
  });
});
