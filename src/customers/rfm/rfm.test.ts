import { describe, expect, it } from 'vitest';
import { RFM_GROUPS, rfmGroup } from './rfm-groups.js';
import { quantileScores, rfmScores } from './rfm-scores.js';

describe('RFM', () => {
  it('bins values by quantile and gives ties one score', () => {
    expect(Array.from(quantileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    const tied = quantileScores([1, 1, 1, 1, 1, 1, 2, 3, 4, 5], 5);
    expect(new Set(Array.from(tied.slice(0, 6))).size).toBe(1);
    expect(tied[9]).toBe(5);
  });

  it('scores recent customers high on R', () => {
    const s = rfmScores(
      {
        ids: ['a', 'b', 'c'],
        recencyDays: Float64Array.from([1, 50, 300]),
        frequency: Float64Array.from([5, 2, 1]),
        monetary: Float64Array.from([500, 100, 10]),
      },
      3,
    );
    expect(Array.from(s.r)).toEqual([3, 2, 1]);
    expect(Array.from(s.f)).toEqual([3, 2, 1]);
  });

  it('maps every score combination to a named group, with the documented corners', () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) seen.add(rfmGroup(r, f, m));
    expect([...seen].sort()).toEqual([...RFM_GROUPS].sort());
    expect(rfmGroup(5, 5, 5)).toBe('Champions');
    expect(rfmGroup(1, 1, 1)).toBe('Lost');
    expect(rfmGroup(1, 5, 5)).toBe("Can't lose");
    expect(rfmGroup(5, 1, 1)).toBe('New');
    expect(rfmGroup(10, 10, 10, 10)).toBe('Champions');
  });

  it('rejects a bad number of bins', () => {
    const input = {
      ids: [],
      recencyDays: new Float64Array(),
      frequency: new Float64Array(),
      monetary: new Float64Array(),
    };
    expect(() => rfmScores(input, 1)).toThrow(/bins/);
  });
});
