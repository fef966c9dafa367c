import { describe, expect, it } from 'vitest';
import { totalFeatures, totalOf } from './batch-total.js';

describe("the batch's total", () => {
  it('sums series aligned at their ends', () => {
    const total = totalOf([Float64Array.from([1, 2, 3, 4]), Float64Array.from([10, 20])]);
    expect(Array.from(total)).toEqual([1, 2, 13, 24]);
  });

  it('gives the recent and quarter means against the history before the origin, and 1 with no history', () => {
    // 13 periods at 2, then 4 at 1: recent 1, quarter (9 × 2 + 4 × 1) / 13, all (13 × 2 + 4) / 17.
    const total = Float64Array.from([...Array<number>(13).fill(2), 1, 1, 1, 1, 5]);
    const out = new Float64Array(4);
    // A series of 5 periods ends with the total: its origin 4 is the total's period 17.
    totalFeatures(total, 5, 4, out, 1);
    const quarter = 22 / 13;
    const all = 30 / 17;
    expect(out[1]).toBeCloseTo(1 / all, 12);
    expect(out[2]).toBeCloseTo(quarter / all, 12);
    expect(out[3]).toBeCloseTo(1 / quarter, 12);
    totalFeatures(total, 18, 0, out, 0);
    expect(Array.from(out.subarray(0, 3))).toEqual([1, 1, 1]);
  });
});
