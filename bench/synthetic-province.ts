import type { PersonImport, RegistryImport, UnitImport } from '../libs/domain/org/import-rules.js';

export const SYNTHETIC_ROOT_UNIT = 'bench-province';
const DISTRICTS = 10;
const GRASSROOTS_PER_DISTRICT = 10;

/**
 * A province of about `subjects` review subjects: province → 10 districts → 100 communes, each
 * unit with a secretary, the province and districts with a deputy and a member, the communes
 * filled with members. Every unit but the root is reviewed as a collective, and every person
 * but the root's head (no superior reviewer is named); nobody gets a login, so the import does
 * not spend its time hashing passwords.
 */
export function syntheticProvince(subjects: number, rootId = SYNTHETIC_ROOT_UNIT): RegistryImport {
  const units: UnitImport[] = [{ id: rootId, parentId: null, name: 'Synthetic province', kind: 'province' }];
  const people: PersonImport[] = [];
  const staff = (unitId: string) => {
    people.push({ id: `${unitId}-secretary`, name: `Secretary of ${unitId}`, unitId, position: 'secretary' });
    people.push({ id: `${unitId}-deputy`, name: `Deputy of ${unitId}`, unitId, position: 'deputy_secretary' });
    people.push({ id: `${unitId}-member`, name: `Member of ${unitId}`, unitId, position: 'member' });
  };
  staff(rootId);
  const communes = DISTRICTS * GRASSROOTS_PER_DISTRICT;
  const fixedSubjects = DISTRICTS + communes + 2 + DISTRICTS * 3; // unit collectives, root deputy + member, district staff
  const perCommune = Math.max(2, Math.round((subjects - fixedSubjects) / communes));
  for (let d = 1; d <= DISTRICTS; d++) {
    const districtId = `${rootId}-d${d}`;
    units.push({ id: districtId, parentId: rootId, name: `District ${d}`, kind: 'district' });
    staff(districtId);
    for (let g = 1; g <= GRASSROOTS_PER_DISTRICT; g++) {
      const communeId = `${districtId}-g${g}`;
      units.push({ id: communeId, parentId: districtId, name: `Commune ${d}.${g}`, kind: 'grassroots' });
      people.push({ id: `${communeId}-secretary`, name: `Secretary of ${communeId}`, unitId: communeId, position: 'secretary' });
      for (let m = 1; m < perCommune; m++) people.push({ id: `${communeId}-m${m}`, name: `Member ${m} of ${communeId}`, unitId: communeId, position: 'member' });
    }
  }
  return { units, people };
}
