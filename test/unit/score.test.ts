import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bandOf, computeScore } from '../../libs/domain/score.js';

/** One unweighted target with the given achievement. */
const single = (generalScore: number, achievement: number) => computeScore(generalScore, [{}], [{ targetIndex: 0, achievement }]);

describe('computeScore', () => {
  it('adds 70 × the weighted mean achievement to the general score', () => {
    // weights 60/40, achievements 100/50 → mean 80 % → 0.7 × 80 = 56; 25 + 56 = 81
    const score = computeScore(25, [{ weight: 60 }, { weight: 40 }], [
      { targetIndex: 0, achievement: 100 },
      { targetIndex: 1, achievement: 50 },
    ]);
    assert.equal(score, 81);
  });

  it('reads results by targetIndex, not by their order in the list', () => {
    // weight 60 on achievement 50, weight 40 on 100 → mean 70 % → 49; 25 + 49 = 74
    const score = computeScore(25, [{ weight: 40 }, { weight: 60 }], [
      { targetIndex: 1, achievement: 50 },
      { targetIndex: 0, achievement: 100 },
    ]);
    assert.equal(score, 74);
  });

  it('weighs targets equally when no weights are given', () => {
    // mean of 100 and 50 = 75 % → 52.5; 10 + 52.5 = 62.5
    const score = computeScore(10, [{}, {}], [
      { targetIndex: 0, achievement: 100 },
      { targetIndex: 1, achievement: 50 },
    ]);
    assert.equal(score, 62.5);
  });

  it('weighs three unweighted targets equally without drifting from whole numbers', () => {
    // mean of 90, 60, 30 = 60 % → 42; 30 + 42 = 72
    const score = computeScore(30, [{ weight: null }, { weight: null }, { weight: null }], [
      { targetIndex: 0, achievement: 90 },
      { targetIndex: 1, achievement: 60 },
      { targetIndex: 2, achievement: 30 },
    ]);
    assert.equal(score, 72);
  });

  it('gives 100 for full marks and the general score alone for zero achievement', () => {
    assert.equal(single(30, 100), 100);
    assert.equal(single(12, 0), 12);
  });

  it('rounds to one decimal', () => {
    // weights 1/99, achievements 14/43 → Σ w·a = 14 + 4257 = 4271 → 0.7 × 42.71 = 29.897; 20 + 29.897 = 49.897 → 49.9
    const score = computeScore(20, [{ weight: 1 }, { weight: 99 }], [
      { targetIndex: 0, achievement: 14 },
      { targetIndex: 1, achievement: 43 },
    ]);
    assert.equal(score, 49.9);
    // 0.7 × 33.5 = 23.45 → 23.5 (half rounds up)
    assert.equal(single(0, 33.5), 23.5);
  });

  it('gives 89.9, not 89.89999999999999, where 22 + 0.7 × 97 does in floating point', () => {
    assert.notEqual(22 + 0.7 * 97, 89.9); // the artefact the library must avoid
    assert.equal(single(22, 97), 89.9); // 0.7 × 97 = 67.9; 22 + 67.9 = 89.9
  });

  it('is exact for every whole general score and whole achievement', () => {
    for (let g = 0; g <= 30; g++) {
      for (let a = 0; a <= 100; a++) {
        const expected = (10 * g + 7 * a) / 10; // g + 0.7a in tenths: an integer divided once
        const actual = single(g, a);
        if (actual !== expected) assert.fail(`computeScore(${g}, a=${a}) = ${actual}, expected ${expected}`);
      }
    }
  });
});

describe('bandOf at the band boundaries', () => {
  // Each case: general score g + 0.7 × achievement a, worked by hand.
  const cases: Array<{ g: number; a: number; score: number; band: string }> = [
    { g: 17, a: 47, score: 49.9, band: 'not_completed' }, // 0.7 × 47 = 32.9; 17 + 32.9 = 49.9
    { g: 22, a: 40, score: 50, band: 'completed' }, // 0.7 × 40 = 28; 22 + 28 = 50
    { g: 23, a: 67, score: 69.9, band: 'completed' }, // 0.7 × 67 = 46.9; 23 + 46.9 = 69.9
    { g: 21, a: 70, score: 70, band: 'good' }, // 0.7 × 70 = 49; 21 + 49 = 70
    { g: 22, a: 97, score: 89.9, band: 'good' }, // 0.7 × 97 = 67.9; 22 + 67.9 = 89.9
    { g: 20, a: 100, score: 90, band: 'excellent' }, // 0.7 × 100 = 70; 20 + 70 = 90
  ];

  for (const { g, a, score, band } of cases) {
    it(`scores ${g} + 0.7 × ${a} as exactly ${score}, in band ${band}`, () => {
      const actual = single(g, a);
      assert.equal(actual, score);
      assert.equal(bandOf(actual), band);
    });
  }

  it('puts 0 in not_completed and 100 in excellent', () => {
    assert.equal(bandOf(0), 'not_completed');
    assert.equal(bandOf(100), 'excellent');
  });
});
