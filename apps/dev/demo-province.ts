import type { RegistryImport } from '../../libs/domain/org/import-rules.js';

/** The password every demo person logs in with (the administrator's is generated). */
export const DEMO_PASSWORD = 'demo-2026';
export const DEMO_ROOT_UNIT = 'demo-province';

const DISTRICTS = [
  { id: 'demo-d1', name: 'Huyện Xuân Trường', grassroots: ['Xã Xuân Hồng', 'Xã Xuân Thủy'] },
  { id: 'demo-d2', name: 'Huyện Hải Hậu', grassroots: ['Thị trấn Yên Định', 'Xã Hải Bắc'] },
];

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hoa', 'Hùng', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Minh', 'Nam', 'Ngọc', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Thắng', 'Trang', 'Tuấn', 'Vân', 'Việt', 'Xuân', 'Yến'];

/**
 * A small province to play every role at once: province → 2 districts → 4 communes, each unit
 * with a secretary, the higher ones with a deputy; 29 people, an auditor and a district admin.
 * Every person logs in with their id as username and DEMO_PASSWORD.
 */
export function demoProvince(): RegistryImport {
  let n = 0;
  const nameOf = () => `${FAMILY[n % FAMILY.length]} Văn ${GIVEN[n++ % GIVEN.length]}`;
  const person = (id: string, unitId: string, position: 'secretary' | 'deputy_secretary' | 'member', extra = {}) => ({
    id,
    name: nameOf(),
    unitId,
    position,
    username: id,
    password: DEMO_PASSWORD,
    ...extra,
  });

  const units: RegistryImport['units'] = [{ id: DEMO_ROOT_UNIT, parentId: null, name: 'Tỉnh Nam Định (demo)', kind: 'province' }];
  const people: RegistryImport['people'] = [
    person('prov-secretary', DEMO_ROOT_UNIT, 'secretary'),
    person('prov-deputy', DEMO_ROOT_UNIT, 'deputy_secretary'),
    person('prov-inspector', DEMO_ROOT_UNIT, 'member', { roles: [{ role: 'auditor', unitId: DEMO_ROOT_UNIT }] }),
  ];
  DISTRICTS.forEach((district, d) => {
    units.push({ id: district.id, parentId: DEMO_ROOT_UNIT, name: district.name, kind: 'district' });
    people.push(person(`d${d + 1}-secretary`, district.id, 'secretary'));
    people.push(person(`d${d + 1}-deputy`, district.id, 'deputy_secretary', d === 0 ? { roles: [{ role: 'admin', unitId: district.id }] } : {}));
    people.push(person(`d${d + 1}-member`, district.id, 'member'));
    district.grassroots.forEach((name, g) => {
      const unitId = `${district.id}-g${g + 1}`;
      units.push({ id: unitId, parentId: district.id, name, kind: 'grassroots' });
      people.push(person(`d${d + 1}g${g + 1}-secretary`, unitId, 'secretary'));
      for (let m = 1; m <= 4; m++) people.push(person(`d${d + 1}g${g + 1}-member${m}`, unitId, 'member'));
    });
  });
  return { units, people };
}

/**
 * The demo's cycle, for the current year, on a calendar a newcomer can play through now: targets
 * due in a week, self-assessment open at once and due in two, reviews in three, plans and
 * reports in four (the real Guidance 43 dates would keep self-assessment closed until December).
 */
export function demoCycle(now: Date) {
  const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
  return {
    year: now.getUTCFullYear(),
    rootUnitId: DEMO_ROOT_UNIT,
    title: `Demo review ${now.getUTCFullYear()}`,
    calendar: {
      targetsDueAt: inDays(7),
      selfAssessmentOpensAt: now.toISOString(),
      selfAssessmentDueAt: inDays(14),
      reviewDueAt: inDays(21),
      remediationDueAt: inDays(28),
      reportDueAt: inDays(28),
    },
  };
}
