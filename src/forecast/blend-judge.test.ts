import { describe, expect, it } from 'vitest';
import { blendShares, blendWeights } from './blend-judge.js';

describe('the blend judge', () => {
  it('weighs blends by how far their score lies above the best, and puts everything on the best at temperature 0', () => {
    const w = blendWeights([0.7, 0.705, 0.8], 0.005);
    expect(w[1]! / w[0]!).toBeCloseTo(Math.exp(-1), 9);
    expect(w[2]!).toBeLessThan(1e-6);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(blendWeights([0.7, 0.69, 0.8], 0)).toEqual([0, 1, 0]);
  });

  it('gives a non-finite score no weight, and nothing at all when no score is finite', () => {
    expect(blendWeights([NaN, 0.7, Infinity], 0.005)).toEqual([0, 1, 0]);
    expect(blendWeights([NaN, NaN])).toEqual([0, 0]);
    expect(blendShares([[], ['a']], [NaN, NaN])).toEqual({ local: 1, pooled: new Map() });
  });

  it("splits each blend's weight equally between the local combinations and its pooled models", () => {
    // Two equal scores: half the weight on the local combinations alone, half on the local with 'a' (a quarter each).
    const tied = blendShares([[], ['a']], [0.7, 0.7]);
    expect(tied.local).toBeCloseTo(0.75, 12);
    expect(tied.pooled.get('a')).toBeCloseTo(0.25, 12);
    // The hard pick of a three-part blend gives each part a third.
    const hard = blendShares([[], ['a'], ['a', 'b']], [0.8, 0.75, 0.7], 0);
    expect(hard.local).toBeCloseTo(1 / 3, 12);
    expect([...hard.pooled.values()].map((s) => s.toFixed(6))).toEqual(['0.333333', '0.333333']);
  });

  it('leaves out a pooled model whose share is too small to be worth fitting, and the shares still sum to one', () => {
    // 'b' is only in a blend 0.02 worse than the best: e^-4 of its weight, under 3% once split.
    const s = blendShares([[], ['a'], ['a', 'b']], [0.72, 0.7, 0.72]);
    expect(s.pooled.has('b')).toBe(false);
    expect(s.local + s.pooled.get('a')!).toBeCloseTo(1, 12);
    expect(s.pooled.get('a')!).toBeGreaterThan(0.45);
  });
});
