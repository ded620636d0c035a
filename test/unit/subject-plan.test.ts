import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Position } from '../../libs/domain/enums.js';
import type { PersonRecord, UnitRecord } from '../../libs/domain/org/org-records.js';
import { OrgTree } from '../../libs/domain/org/org-tree.js';
import { planCycle, planUnit, type SubjectPlan } from '../../libs/domain/org/subject-plan.js';

type Spec = { id: string; people?: Array<[string, Position]>; children?: Spec[] };

/** Builds an OrgTree from a nested spec: [person id, position] pairs per unit. */
function treeOf(...roots: Spec[]): OrgTree {
  const units: UnitRecord[] = [];
  const people: PersonRecord[] = [];
  const visit = (spec: Spec, parentId: string | null) => {
    units.push({ id: spec.id, parentId, name: `Unit ${spec.id}`, kind: 'other' });
    for (const [id, position] of spec.people ?? []) people.push({ id, name: `Person ${id}`, unitId: spec.id, position });
    for (const child of spec.children ?? []) visit(child, spec.id);
  };
  for (const root of roots) visit(root, null);
  return new OrgTree(units, people);
}

/** A compact view of a plan entry: type:id reviewer→self owner/deciding. */
const brief = (s: SubjectPlan) => `${s.subjectType}:${s.subjectId} by ${s.reviewerId} self ${s.selfActorId} owner ${s.ownerUnitId} deciding ${s.decidingUnitId}`;

// P: secretary p-sec, deputy p-dep, member p-mem
// ├─ D: secretary d-sec, member d-mem
// │  └─ G: secretary g-sec, members g-m1, g-m2
// └─ E: member e-mem (no head of its own)
const threeLevels: Spec = {
  id: 'P',
  people: [
    ['p-sec', 'secretary'],
    ['p-dep', 'deputy_secretary'],
    ['p-mem', 'member'],
  ],
  children: [
    {
      id: 'D',
      people: [
        ['d-sec', 'secretary'],
        ['d-mem', 'member'],
      ],
      children: [
        {
          id: 'G',
          people: [
            ['g-sec', 'secretary'],
            ['g-m1', 'member'],
            ['g-m2', 'member'],
          ],
        },
      ],
    },
  ],
};
const withHeadlessChild: Spec = { ...threeLevels, children: [...threeLevels.children!, { id: 'E', people: [['e-mem', 'member']] }] };

describe('planUnit', () => {
  it('plans the unit members but not its own head, each child collective and each child head', () => {
    const plan = planUnit(treeOf(threeLevels), 'P', { rootUnitId: 'P', superiorReviewerId: null });
    assert.deepEqual(plan.subjects.map(brief), [
      'person:p-dep by p-sec self p-dep owner P deciding P',
      'person:p-mem by p-sec self p-mem owner P deciding P',
      'unit:D by p-sec self d-sec owner P deciding P',
      'person:d-sec by p-sec self d-sec owner P deciding P',
    ]);
    assert.deepEqual(plan.unstaffed, []);
    assert.deepEqual(plan.childUnitIds, ['D']);
    assert.equal(plan.headId, 'p-sec');
  });

  it('records the unit of a child head as the child unit, not the deciding unit', () => {
    const plan = planUnit(treeOf(threeLevels), 'P', { rootUnitId: 'P', superiorReviewerId: null });
    const dSec = plan.subjects.find((s) => s.subjectId === 'd-sec')!;
    assert.equal(dSec.unitId, 'D');
    assert.equal(dSec.subjectName, 'Person d-sec');
  });

  it('plans only the collective of a child without its own head, written by the head found up the tree and reviewed by the superior', () => {
    const plan = planUnit(treeOf(withHeadlessChild), 'P', { rootUnitId: 'P', superiorReviewerId: 'sup' });
    const forE = plan.subjects.filter((s) => s.unitId === 'E');
    assert.deepEqual(forE.map(brief), ['unit:E by sup self p-sec owner P deciding null']);
  });

  it('lets the head write and review a headless child collective only when nobody is above and there is no superior', () => {
    const plan = planUnit(treeOf(withHeadlessChild), 'P', { rootUnitId: 'P', superiorReviewerId: null });
    assert.deepEqual(plan.subjects.filter((s) => s.unitId === 'E').map(brief), ['unit:E by p-sec self p-sec owner P deciding P']);
  });

  it('has a cell with no secretary and no deputy reviewed by the next head up, whose unit groups it for the quota', () => {
    const cellWithoutHead: Spec = { id: 'C', people: [['c-m1', 'member']] };
    const tree = treeOf({ ...threeLevels, children: [{ ...threeLevels.children![0]!, children: [{ ...threeLevels.children![0]!.children![0]!, children: [cellWithoutHead] }] }] });
    const plan = planUnit(tree, 'G', { rootUnitId: 'P', superiorReviewerId: null });
    assert.deepEqual(plan.subjects.filter((s) => s.unitId === 'C').map(brief), ['unit:C by d-sec self g-sec owner G deciding D']);
    // Its members are still reviewed by the head found up the tree, in the cell itself.
    assert.deepEqual(planUnit(tree, 'C', { rootUnitId: 'P', superiorReviewerId: null }).subjects.map(brief), ['person:c-m1 by g-sec self c-m1 owner C deciding C']);
  });

  it('leaves the members of a headless child to the child, reviewed by the head found up the tree', () => {
    const plan = planUnit(treeOf(withHeadlessChild), 'E', { rootUnitId: 'P', superiorReviewerId: null });
    assert.deepEqual(plan.subjects.map(brief), ['person:e-mem by p-sec self e-mem owner E deciding E']);
    assert.equal(plan.headId, 'p-sec');
  });

  it('plans the root collective and the root head with the superior as reviewer and no deciding unit', () => {
    const plan = planUnit(treeOf(threeLevels), 'P', { rootUnitId: 'P', superiorReviewerId: 'sup' });
    assert.deepEqual(plan.subjects.slice(0, 2).map(brief), [
      'unit:P by sup self p-sec owner P deciding null',
      'person:p-sec by sup self p-sec owner P deciding null',
    ]);
    assert.equal(plan.subjects.length, 6);
  });

  it('does not plan the root collective or the root head without a superior', () => {
    const plan = planUnit(treeOf(threeLevels), 'P', { rootUnitId: 'P', superiorReviewerId: null });
    assert.equal(plan.subjects.some((s) => s.subjectId === 'P' || s.subjectId === 'p-sec'), false);
  });

  it('does not plan the collective or head of a non-root unit at that unit even with a superior', () => {
    const plan = planUnit(treeOf(threeLevels), 'D', { rootUnitId: 'P', superiorReviewerId: 'sup' });
    assert.deepEqual(
      plan.subjects.map((s) => s.subjectId),
      ['d-mem', 'G', 'g-sec'],
    );
  });

  it('reports a root collective with no head anywhere as unstaffed for want of a self-assessment writer', () => {
    const tree = treeOf({ id: 'Q', people: [['q-mem', 'member']] });
    const plan = planUnit(tree, 'Q', { rootUnitId: 'Q', superiorReviewerId: 'sup' });
    assert.deepEqual(plan.unstaffed, [{ subjectType: 'unit', subjectId: 'Q', reason: 'no head to write its self-assessment' }]);
    assert.deepEqual(plan.subjects.map(brief), ['person:q-mem by sup self q-mem owner Q deciding Q']);
  });

  it('reports members and child units of a headless root without a superior as unstaffed for want of a reviewer', () => {
    const tree = treeOf({ id: 'Q', people: [['q-mem', 'member']], children: [{ id: 'Q1', people: [['q1-sec', 'secretary']] }] });
    const plan = planUnit(tree, 'Q', { rootUnitId: 'Q', superiorReviewerId: null });
    assert.deepEqual(plan.subjects, []);
    assert.deepEqual(
      plan.unstaffed.map((u) => `${u.subjectType}:${u.subjectId}: ${u.reason}`),
      ['person:q-mem: no head above it to review it', 'unit:Q1: no head above it to review it', 'person:q1-sec: no head above it to review it'],
    );
    assert.equal(plan.headId, null);
  });

  it('refuses to let the superior review themselves when the superior is the root head', () => {
    const plan = planUnit(treeOf(threeLevels), 'P', { rootUnitId: 'P', superiorReviewerId: 'p-sec' });
    assert.deepEqual(plan.unstaffed, [{ subjectType: 'person', subjectId: 'p-sec', reason: 'would review themselves' }]);
  });
});

describe('planCycle', () => {
  // Without a superior: P decides p-dep, p-mem, D, d-sec (4); D decides d-mem, G, g-sec (3);
  // G decides g-m1, g-m2 (2) → 9. Every one of the 8 people but p-sec, and every unit but P.
  it('counts every person but the root head and every unit but the root in a 3-level tree without a superior', () => {
    const result = planCycle(treeOf(threeLevels), { rootUnitId: 'P', superiorReviewerId: null });
    assert.deepEqual(result, { subjects: 9, units: 3, unstaffed: [] });
  });

  it('adds the root collective and the root head when the cycle names a superior', () => {
    const result = planCycle(treeOf(threeLevels), { rootUnitId: 'P', superiorReviewerId: 'sup' });
    assert.deepEqual(result, { subjects: 11, units: 3, unstaffed: [] });
  });

  it('plans only the subtree of the cycle root', () => {
    const result = planCycle(treeOf(threeLevels), { rootUnitId: 'D', superiorReviewerId: null });
    // D decides d-mem, G, g-sec; G decides g-m1, g-m2.
    assert.deepEqual(result, { subjects: 5, units: 2, unstaffed: [] });
  });

  it('reports the unstaffed subjects of every unit in the cycle', () => {
    const tree = treeOf({ id: 'Q', people: [['q-mem', 'member']], children: [{ id: 'Q1', people: [['q1-m', 'member']] }] });
    const result = planCycle(tree, { rootUnitId: 'Q', superiorReviewerId: null });
    assert.equal(result.subjects, 0);
    assert.equal(result.units, 2);
    assert.deepEqual(
      result.unstaffed.map((u) => u.subjectId),
      ['q-mem', 'Q1', 'q1-m'],
    );
  });
});
