import { describe, expect, it } from 'vitest';
import { hyp2f1, lgamma, logAddExp, logHyp2f1 } from './special.js';

describe('special functions', () => {
  it('lgamma matches factorials and Γ(1/2) = √π', () => {
    expect(lgamma(1)).toBeCloseTo(0, 12);
    expect(lgamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(lgamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(lgamma(171.5)).toBeCloseTo(709.1431630309282, 8);
    expect(lgamma(1e-3)).toBeCloseTo(6.907178885383854, 10);
  });

  it('logAddExp is stable for large and infinite inputs', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 12);
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logAddExp(-1000, -1001)).toBeCloseTo(-1000 + Math.log1p(Math.exp(-1)), 12);
  });

  it('hyp2f1 matches closed forms', () => {
    for (const z of [0.1, 0.5, 0.9, 0.99]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 9);
      // 2F1(a, b; b; z) = (1 − z)^(−a)
      expect(hyp2f1(2.5, 3, 3, z) / Math.pow(1 - z, -2.5)).toBeCloseTo(1, 9);
    }
  });

  it('logHyp2f1 matches mpmath near z = 1 and for large parameters (both series branches)', () => {
    const cases: [number, number, number, number, number][] = [
      [0.2426, 2.4258, 2.2187, 0.999, 2.4036784072308124],
      [50.24, 52.43, 52.22, 0.999, 348.48808204694404],
      [400.2426, 402.4258, 402.2187, 0.545, 315.33670824293199],
      [1.5, 2.5, 3.9, 0.99, 2.8472191814374099],
      [0.9, 3.9, 3.85, 0.9999, 8.6535738321663374],
    ];
    for (const [a, b, c, z, ref] of cases) expect(logHyp2f1(a, b, c, z) / ref).toBeCloseTo(1, 12);
  });
});
