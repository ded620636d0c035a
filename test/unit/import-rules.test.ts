import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldError } from '../../libs/domain/errors.js';
import {
  checkImport,
  type ImportContext,
  type PersonImport,
  type RegistryImport,
  type RegistrySnapshot,
  type UnitImport,
} from '../../libs/domain/org/import-rules.js';

// Stored registry: X → X1 → X2, and a separate root Y.
// sx is the secretary of X and has the account 'alice'; ym is a member of Y.
const SNAPSHOT: RegistrySnapshot = {
  units: [
    { id: 'X', parentId: null, name: 'X', kind: 'province' },
    { id: 'X1', parentId: 'X', name: 'X1', kind: 'district' },
    { id: 'X2', parentId: 'X1', name: 'X2', kind: 'grassroots' },
    { id: 'Y', parentId: null, name: 'Y', kind: 'province' },
  ],
  people: [
    { id: 'sx', name: 'Secretary X', unitId: 'X', position: 'secretary' },
    { id: 'ym', name: 'Member Y', unitId: 'Y', position: 'member' },
  ],
  accounts: [{ id: 'sx', username: 'alice', roles: [] }],
};

const CONTEXT: ImportContext = { callerScope: 'all', reservedUsernames: ['admin'], reservedIds: ['bootstrap-admin'], minPasswordLength: 8 };

const unit = (id: string, parentId: string | null): UnitImport => ({ id, parentId, name: `Unit ${id}`, kind: 'other' });
const person = (id: string, unitId: string, over: Partial<PersonImport> = {}): PersonImport => ({ id, name: `Person ${id}`, unitId, position: 'member', ...over });

function check(payload: Partial<RegistryImport>, context: Partial<ImportContext> = {}): FieldError[] {
  const errors = checkImport(SNAPSHOT, { units: [], people: [], ...payload }, { ...CONTEXT, ...context });
  for (const e of errors) {
    assert.match(e.path, /^(units|people)\[\d+\]/, `every error names its path: ${JSON.stringify(e)}`);
    assert.ok(e.message.length > 0, `every error has a message: ${JSON.stringify(e)}`);
  }
  return errors;
}
const pathsOf = (payload: Partial<RegistryImport>, context: Partial<ImportContext> = {}) => check(payload, context).map((e) => e.path);

describe('checkImport: a clean import', () => {
  it('returns no errors for new units and people with credentials and roles in scope', () => {
    const payload = {
      units: [unit('N', 'X1'), unit('N1', 'N')],
      people: [
        person('n-sec', 'N', { position: 'secretary', username: 'nsec', password: 'long-enough', roles: [{ role: 'admin', unitId: 'N' }] }),
        person('sx', 'X', { position: 'secretary', username: 'Alice' }),
      ],
    };
    assert.deepEqual(check(payload), []);
    assert.deepEqual(check(payload, { callerScope: ['X'] }), []);
  });
});

describe('checkImport: the tree', () => {
  it('names a duplicate unit id at its second occurrence', () => {
    const errors = check({ units: [unit('N', 'X'), unit('N', 'X')] });
    assert.deepEqual(
      errors.map((e) => e.path),
      ['units[1].id'],
    );
    assert.match(errors[0]!.message, /units\[0\]/);
  });

  it('names a duplicate person id at its second occurrence', () => {
    assert.deepEqual(pathsOf({ people: [person('n', 'X'), person('n', 'X1')] }), ['people[1].id']);
  });

  it('names an unknown parent', () => {
    assert.deepEqual(pathsOf({ units: [unit('N', 'X'), unit('M', 'nowhere')] }), ['units[1].parentId']);
  });

  it('accepts a parent that the same import creates', () => {
    assert.deepEqual(pathsOf({ units: [unit('M', 'N'), unit('N', 'X')] }), []);
  });

  it('names the cycle made by re-parenting an existing unit under its own descendant', () => {
    const errors = check({ units: [unit('X', 'X2')] });
    assert.deepEqual(
      errors.map((e) => e.path),
      ['units[0].parentId'],
    );
    assert.match(errors[0]!.message, /X → X2 → X1 → X/);
  });

  it('names every unit of a cycle made by two new units', () => {
    assert.deepEqual(pathsOf({ units: [unit('A', 'B'), unit('B', 'A')] }), ['units[0].parentId', 'units[1].parentId']);
  });

  it('names a person’s unknown unit', () => {
    assert.deepEqual(pathsOf({ people: [person('a', 'X'), person('b', 'nowhere')] }), ['people[1].unitId']);
  });

  it('names a person id reserved for the bootstrap administrator', () => {
    assert.deepEqual(pathsOf({ people: [person('bootstrap-admin', 'X')] }), ['people[0].id']);
  });
});

describe('checkImport: one secretary per unit', () => {
  it('refuses a new secretary in a unit whose stored secretary stays, naming both', () => {
    const errors = check({ people: [person('n', 'X', { position: 'secretary' })] });
    assert.deepEqual(
      errors.map((e) => e.path),
      ['people[0].position'],
    );
    assert.match(errors[0]!.message, /sx/);
    assert.match(errors[0]!.message, /\bn\b/);
  });

  it('refuses two secretaries of one unit in the payload, naming both entries', () => {
    const payload = { people: [person('a', 'X1', { position: 'secretary' }), person('b', 'X1', { position: 'secretary' })] };
    assert.deepEqual(pathsOf(payload), ['people[0].position', 'people[1].position']);
  });

  it('frees the slot when the stored secretary moves to another unit', () => {
    const payload = { people: [person('sx', 'Y', { position: 'member' }), person('n', 'X', { position: 'secretary' })] };
    assert.deepEqual(pathsOf(payload), []);
  });

  it('frees the slot when the stored secretary becomes a member of the same unit', () => {
    const payload = { people: [person('sx', 'X', { position: 'member' }), person('n', 'X', { position: 'secretary' })] };
    assert.deepEqual(pathsOf(payload), []);
  });

  it('frees the slot when the stored secretary is struck off', () => {
    const payload = { people: [person('sx', 'X', { position: 'secretary', status: 'struck_off' }), person('n', 'X', { position: 'secretary' })] };
    assert.deepEqual(pathsOf(payload), []);
  });

  it('counts a struck-off secretary again when they are made active', () => {
    const snapshot = { ...SNAPSHOT, people: [...SNAPSHOT.people, { id: 'old', name: 'Old', unitId: 'X1', position: 'secretary' as const, status: 'struck_off' as const }] };
    const payload = { units: [], people: [person('old', 'X1', { position: 'secretary', status: 'active' }), person('n', 'X1', { position: 'secretary' })] };
    assert.deepEqual(checkImport(snapshot, payload, CONTEXT).map((e) => e.path), ['people[0].position', 'people[1].position']);
    assert.deepEqual(checkImport(snapshot, { units: [], people: [person('n', 'X1', { position: 'secretary' })] }, CONTEXT), [], 'omitted status keeps struck_off');
  });

  it('accepts a secretary and deputies together in one unit', () => {
    const payload = { people: [person('a', 'X1', { position: 'secretary' }), person('b', 'X1', { position: 'deputy_secretary' }), person('c', 'X1', { position: 'deputy_secretary' })] };
    assert.deepEqual(pathsOf(payload), []);
  });
});

describe('checkImport: credentials', () => {
  it('refuses a username of another stored account, whatever its case', () => {
    assert.deepEqual(pathsOf({ people: [person('n', 'X1', { username: 'ALICE' })] }), ['people[0].username']);
  });

  it('lets a person keep their own username', () => {
    assert.deepEqual(pathsOf({ people: [person('sx', 'X', { position: 'secretary', username: 'alice' })] }), []);
  });

  it('refuses a reserved username, whatever its case', () => {
    assert.deepEqual(pathsOf({ people: [person('n', 'X1', { username: 'Admin' })] }), ['people[0].username']);
  });

  it('refuses a username given twice in the payload, case-insensitively, at the second use', () => {
    const errors = check({ people: [person('a', 'X1', { username: 'bob' }), person('b', 'X1', { username: ' BOB ' })] });
    assert.deepEqual(
      errors.map((e) => e.path),
      ['people[1].username'],
    );
    assert.match(errors[0]!.message, /people\[0\]/);
  });

  it('refuses a password shorter than the minimum, and accepts one exactly that long', () => {
    assert.deepEqual(pathsOf({ people: [person('n', 'X1', { username: 'nn', password: 'seven77' })] }), ['people[0].password']);
    assert.deepEqual(pathsOf({ people: [person('n', 'X1', { username: 'nn', password: 'eight888' })] }), []);
  });

  it('refuses a password without a username for someone without an account', () => {
    assert.deepEqual(pathsOf({ people: [person('n', 'X1', { password: 'long-enough' })] }), ['people[0].password']);
  });

  it('accepts a new password without a username for someone who already has an account', () => {
    assert.deepEqual(pathsOf({ people: [person('sx', 'X', { position: 'secretary', password: 'long-enough' })] }), []);
  });

  it('refuses roles without a username for someone without an account', () => {
    assert.deepEqual(pathsOf({ people: [person('n', 'X1', { roles: [{ role: 'auditor', unitId: 'X1' }] })] }), ['people[0].roles']);
  });
});

describe('checkImport: the caller’s scope', () => {
  const scoped = { callerScope: ['X'] };

  it('refuses a role on a unit outside the caller’s scope', () => {
    const payload = { people: [person('n', 'X1', { username: 'nn', roles: [{ role: 'admin', unitId: 'X2' }, { role: 'admin', unitId: 'Y' }] })] };
    assert.deepEqual(pathsOf(payload, scoped), ['people[0].roles[1].unitId']);
  });

  it('refuses a role on an unknown unit', () => {
    const payload = { people: [person('n', 'X1', { username: 'nn', roles: [{ role: 'admin', unitId: 'nowhere' }] })] };
    assert.deepEqual(pathsOf(payload), ['people[0].roles[0].unitId']);
  });

  it('refuses a new unit under a parent outside the caller’s scope', () => {
    assert.deepEqual(pathsOf({ units: [unit('N', 'X2'), unit('M', 'Y')] }, scoped), ['units[1]']);
  });

  it('refuses moving a unit from outside the caller’s scope into it', () => {
    assert.deepEqual(pathsOf({ units: [unit('Y', 'X')] }, scoped), ['units[0]']);
  });

  it('refuses moving a unit of the caller’s scope out of it', () => {
    assert.deepEqual(pathsOf({ units: [unit('X1', 'Y')] }, scoped), ['units[0]']);
  });

  it('refuses moving the top of the caller’s scope under a unit outside it, and to the root', () => {
    const district = { callerScope: ['X1'] };
    assert.deepEqual(pathsOf({ units: [unit('X1', 'Y')] }, district), ['units[0].parentId']);
    assert.deepEqual(pathsOf({ units: [unit('X1', null)] }, district), ['units[0].parentId']);
  });

  it('lets the caller rename the top of their scope where it stands', () => {
    assert.deepEqual(pathsOf({ units: [{ ...unit('X1', 'X'), name: 'Renamed' }] }, { callerScope: ['X1'] }), []);
  });

  it('refuses a new person in a unit outside the caller’s scope', () => {
    assert.deepEqual(pathsOf({ people: [person('n', 'X2'), person('m', 'Y')] }, scoped), ['people[1]']);
  });

  it('refuses moving a stored person from outside the caller’s scope into it', () => {
    assert.deepEqual(pathsOf({ people: [person('ym', 'X1')] }, scoped), ['people[0]']);
  });

  it('accepts the same changes for a caller scoped to every unit', () => {
    assert.deepEqual(pathsOf({ units: [unit('Y', 'X')], people: [person('ym', 'X1')] }), []);
  });
});

describe('checkImport: every problem at once', () => {
  it('lists all problems of one payload, each with its path', () => {
    const payload = {
      units: [unit('N', 'nowhere'), unit('N', 'X')],
      people: [person('a', 'nowhere'), person('b', 'X', { position: 'secretary', username: 'alice', password: 'short' })],
    };
    assert.deepEqual(pathsOf(payload), ['units[1].id', 'units[0].parentId', 'people[0].unitId', 'people[1].position', 'people[1].username', 'people[1].password']);
  });
});
