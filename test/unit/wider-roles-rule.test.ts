import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PersonImport, RegistrySnapshot } from '../../libs/domain/org/import-rules.js';
import { findTakeovers } from '../../libs/domain/org/wider-roles-rule.js';

// Stored registry: X → X1 → X2. 'wide' sits in X2 and audits X; 'root' sits in X2 and is an
// unscoped admin; 'near' sits in X2 and administers X2.
const SNAPSHOT: RegistrySnapshot = {
  units: [
    { id: 'X', parentId: null, name: 'X', kind: 'province' },
    { id: 'X1', parentId: 'X', name: 'X1', kind: 'district' },
    { id: 'X2', parentId: 'X1', name: 'X2', kind: 'grassroots' },
  ],
  people: [],
  accounts: [
    { id: 'wide', username: 'wide', roles: [{ role: 'auditor', unitId: 'X' }] },
    { id: 'root', username: 'root', roles: [{ role: 'admin', unitId: null }] },
    { id: 'near', username: 'near', roles: [{ role: 'admin', unitId: 'X2' }] },
  ],
};
const person = (id: string, over: Partial<PersonImport> = {}): PersonImport => ({ id, name: id, unitId: 'X2', position: 'member', ...over });
const paths = (people: PersonImport[], scope: string[] | 'all') => findTakeovers(SNAPSHOT, { units: [], people }, scope).map((e) => e.path);

describe('findTakeovers: no role wider than the importer’s scope changes hands', () => {
  it('names the password, a new username and the roles of someone holding a role outside the scope', () => {
    const wide = person('wide', { password: 'long-enough', username: 'mine', roles: [] });
    assert.deepEqual(paths([person('x'), wide], ['X1']), ['people[1].password', 'people[1].username', 'people[1].roles']);
    assert.deepEqual(paths([person('root', { password: 'long-enough' })], ['X']), ['people[0].password'], 'an unscoped role is wider than any scope');
  });

  it('lets through the same username, a rename, people whose roles lie in scope, and an unscoped importer', () => {
    assert.deepEqual(paths([person('wide', { username: 'wide', name: 'Renamed' })], ['X1']), []);
    assert.deepEqual(paths([person('near', { password: 'long-enough', roles: [] })], ['X1']), []);
    assert.deepEqual(paths([person('wide', { password: 'long-enough' }), person('root', { roles: [] })], 'all'), []);
  });
});
