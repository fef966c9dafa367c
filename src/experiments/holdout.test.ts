import { describe, expect, it } from 'vitest';
import { holdoutLift } from './holdout.js';

describe('holdout lift', () => {
  it('scales the per-customer difference to the treated group with an interval', () => {
    const lift = holdoutLift(
      { customers: 9000, conversions: 900, revenue: 900 * 50, revenueSquares: 900 * 2600 },
      { customers: 1000, conversions: 80, revenue: 80 * 50, revenueSquares: 80 * 2600 },
    );
    expect(lift.conversionRate.treated).toBeCloseTo(0.1, 12);
    expect(lift.conversionRate.holdout).toBeCloseTo(0.08, 12);
    expect(lift.incrementalConversions.estimate).toBeCloseTo(180, 8);
    expect(lift.incrementalRevenue.estimate).toBeCloseTo(9000, 6);
    const [lo, hi] = lift.incrementalConversions.ci;
    expect(lo).toBeLessThan(180);
    expect(hi).toBeGreaterThan(180);
    // Half-width: 1.96 · √(0.1·0.9/9000 + 0.08·0.92/1000) · 9000 ≈ 162.
    expect(hi - 180).toBeCloseTo(
      1.96 * Math.sqrt((0.1 * 0.9 * 9000) / 8999 / 9000 + (0.08 * 0.92 * 1000) / 999 / 1000) * 9000,
      0,
    );
  });
});
