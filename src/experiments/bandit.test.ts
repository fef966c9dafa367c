import { describe, expect, it } from 'vitest';
import { applyFloor, pickArm, thompsonBernoulli, thompsonGaussian } from './bandit.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('Thompson sampling', () => {
  it('sends most traffic to the clearly better Bernoulli arm, keeping the floor', () => {
    const shares = thompsonBernoulli(
      [
        { name: 'a', trials: 2000, successes: 100 },
        { name: 'b', trials: 2000, successes: 160 },
        { name: 'c', trials: 2000, successes: 90 },
      ],
      { floor: 0.05, seed: 1 },
    );
    expect(sum(shares)).toBeCloseTo(1, 12);
    expect(shares[1]).toBeGreaterThan(0.85);
    for (const s of shares) expect(s).toBeGreaterThanOrEqual(0.05 - 1e-12);
  });

  it('splits evenly without evidence and is reproducible with a seed', () => {
    const arms = [
      { name: 'a', trials: 0, successes: 0 },
      { name: 'b', trials: 0, successes: 0 },
    ];
    const shares = thompsonBernoulli(arms, { seed: 5, draws: 20_000 });
    expect(shares[0]).toBeCloseTo(0.5, 1);
    expect(thompsonBernoulli(arms, { seed: 5, draws: 20_000 })).toEqual(shares);
  });

  it('prefers the arm with the higher mean revenue under the normal model', () => {
    const shares = thompsonGaussian(
      [
        { name: 'a', n: 500, sum: 500 * 10, sumSquares: 500 * (100 + 25) },
        { name: 'b', n: 500, sum: 500 * 12, sumSquares: 500 * (144 + 25) },
      ],
      { floor: 0.1 },
    );
    expect(shares[1]).toBeCloseTo(0.9, 6);
    expect(shares[0]).toBeCloseTo(0.1, 6);
  });

  it('applies a floor and picks arms by share', () => {
    applyFloor([1, 0, 0], 0.1).forEach((s, i) => expect(s).toBeCloseTo([0.8, 0.1, 0.1][i]!, 12));
    expect(pickArm([0.2, 0.3, 0.5], 0.1)).toBe(0);
    expect(pickArm([0.2, 0.3, 0.5], 0.45)).toBe(1);
    expect(pickArm([0.2, 0.3, 0.5], 0.99)).toBe(2);
  });
});
