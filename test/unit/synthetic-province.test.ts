import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SYNTHETIC_ROOT_UNIT, syntheticProvince } from '../../bench/synthetic-province.js';
import { checkImport } from '../../libs/domain/org/import-rules.js';

describe('the benchmark’s synthetic province', () => {
  const registry = syntheticProvince(2000);

  it('is an import the registry accepts', () => {
    const errors = checkImport({ units: [], people: [], accounts: [] }, registry, { callerScope: 'all', reservedUsernames: [], reservedIds: [], minPasswordLength: 8 });
    assert.deepEqual(errors, []);
  });

  it('has about the asked number of subjects: every unit and person but the root and its head', () => {
    const subjects = registry.units.length - 1 + registry.people.length - 1;
    assert.ok(Math.abs(subjects - 2000) <= 60, `${subjects} subjects`);
    assert.equal(registry.units.filter((u) => u.parentId === null).map((u) => u.id).join(), SYNTHETIC_ROOT_UNIT);
  });
});
