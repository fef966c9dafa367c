import { describe, expect, it } from 'vitest';
import { rocAuc } from './auc.js';

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0.5 for ties, NaN for one class', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [false, false, true, true])).toBe(0);
    expect(rocAuc([1, 1, 1, 1], [false, true, false, true])).toBe(0.5);
    expect(rocAuc([1, 2], [true, true])).toBeNaN();
  });

  it('counts a tied positive/negative pair as half', () => {
    expect(rocAuc([0.1, 0.5, 0.5, 0.9], [false, false, true, true])).toBeCloseTo(0.875);
  });
});
