import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Position } from '../../libs/domain/enums.js';
import type { PersonRecord, UnitRecord } from '../../libs/domain/org/org-records.js';
import { OrgTree } from '../../libs/domain/org/org-tree.js';

// R (root): secretary rs, deputy rd, member rm
// ├─ A: secretary as, member am
// ├─ B: deputy bd (no secretary), member bm
// │  └─ BX: member bxm (no head)
// └─ C: member cm (no head)
//    └─ C1: member c1m (no head)
// D (second root): deputies dz and da, no secretary
// N (third root): member nm, no head anywhere
// Units and people are given out of order on purpose: the tree sorts them.
const unit = (id: string, parentId: string | null): UnitRecord => ({ id, parentId, name: `Unit ${id}`, kind: 'other' });
const person = (id: string, unitId: string, position: Position): PersonRecord => ({ id, name: `Person ${id}`, unitId, position });

function buildTree(): OrgTree {
  const units = [unit('C1', 'C'), unit('C', 'R'), unit('BX', 'B'), unit('B', 'R'), unit('A', 'R'), unit('R', null), unit('D', null), unit('N', null)];
  const people = [
    person('rm', 'R', 'member'),
    person('rd', 'R', 'deputy_secretary'),
    person('rs', 'R', 'secretary'),
    person('am', 'A', 'member'),
    person('as', 'A', 'secretary'),
    person('bm', 'B', 'member'),
    person('bd', 'B', 'deputy_secretary'),
    person('bxm', 'BX', 'member'),
    person('cm', 'C', 'member'),
    person('c1m', 'C1', 'member'),
    person('dz', 'D', 'deputy_secretary'),
    person('da', 'D', 'deputy_secretary'),
    person('nm', 'N', 'member'),
  ];
  return new OrgTree(units, people);
}

describe('OrgTree head resolution', () => {
  const tree = buildTree();

  it('resolves the head of a unit with a secretary and a deputy to the secretary', () => {
    assert.equal(tree.headOf('R'), 'rs');
    assert.equal(tree.headOf('A'), 'as');
  });

  it('resolves the head of a unit without a secretary to its deputy secretary', () => {
    assert.equal(tree.headOf('B'), 'bd');
    assert.equal(tree.ownHeadOf('B')?.id, 'bd');
  });

  it('picks the first deputy by id when a unit has two deputies and no secretary', () => {
    assert.equal(tree.headOf('D'), 'da');
  });

  it('resolves the head of a unit without secretary or deputy to the head of its parent', () => {
    assert.equal(tree.ownHeadOf('C'), null);
    assert.equal(tree.headOf('C'), 'rs');
  });

  it('resolves the head two levels up when neither the unit nor its parent has a head', () => {
    assert.equal(tree.headOf('C1'), 'rs');
  });

  it('stops at the nearest ancestor with a head (the deputy of B, not the secretary of R)', () => {
    assert.equal(tree.headOf('BX'), 'bd');
  });

  it('resolves the head of a root without any head to null', () => {
    assert.equal(tree.headOf('N'), null);
  });
});

describe('OrgTree reviewers', () => {
  const tree = buildTree();

  it('gives a member the head of their unit as reviewer', () => {
    assert.equal(tree.reviewerOfPerson('am'), 'as');
    assert.equal(tree.reviewerOfPerson('bm'), 'bd');
  });

  it('gives a deputy secretary of a unit with a secretary the secretary as reviewer', () => {
    assert.equal(tree.reviewerOfPerson('rd'), 'rs');
  });

  it('gives a member of a headless unit the head found up the tree as reviewer', () => {
    assert.equal(tree.reviewerOfPerson('cm'), 'rs');
    assert.equal(tree.reviewerOfPerson('c1m'), 'rs');
    assert.equal(tree.reviewerOfPerson('bxm'), 'bd');
  });

  it('gives the head of a unit the head of the parent unit as reviewer', () => {
    assert.equal(tree.reviewerOfPerson('as'), 'rs');
    assert.equal(tree.reviewerOfPerson('bd'), 'rs');
  });

  it('gives a unit the head of its parent unit as reviewer', () => {
    assert.equal(tree.reviewerOfUnit('A'), 'rs');
    assert.equal(tree.reviewerOfUnit('BX'), 'bd');
  });

  it('gives a unit whose parent has no head the head found further up as reviewer', () => {
    assert.equal(tree.reviewerOfUnit('C1'), 'rs');
  });

  it('gives the root unit and the root head no reviewer', () => {
    assert.equal(tree.reviewerOfUnit('R'), null);
    assert.equal(tree.reviewerOfPerson('rs'), null);
  });

  it('gives an unknown person no reviewer', () => {
    assert.equal(tree.reviewerOfPerson('ghost'), null);
  });
});

describe('OrgTree traversal', () => {
  const tree = buildTree();

  it('lists a subtree breadth-first, parents before children, siblings by id', () => {
    const order = tree.subtreeOf('R');
    assert.deepEqual(order, ['R', 'A', 'B', 'C', 'BX', 'C1']);
    for (const id of order) {
      const parentId = tree.unit(id)!.parentId;
      if (id !== 'R') assert.ok(order.indexOf(parentId!) < order.indexOf(id), `${parentId} must come before ${id}`);
    }
  });

  it('lists only the unit and its descendants for an inner unit, and nothing for an unknown one', () => {
    assert.deepEqual(tree.subtreeOf('C'), ['C', 'C1']);
    assert.deepEqual(tree.subtreeOf('nowhere'), []);
  });

  it('gives the ancestry from the root down to the unit, inclusive', () => {
    assert.deepEqual(tree.ancestryOf('C1'), ['R', 'C', 'C1']);
    assert.deepEqual(tree.ancestryOf('R'), ['R']);
  });

  it('lists children and members in id order', () => {
    assert.deepEqual(tree.childrenOf('R'), ['A', 'B', 'C']);
    assert.deepEqual(
      tree.peopleOf('R').map((p) => p.id),
      ['rd', 'rm', 'rs'],
    );
  });
});
