import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expireGaps, fillGaps, findGaps } from './seq-gaps.js';

describe('log position gaps', () => {
  it('finds the holes a page skipped', () => {
    expect(findGaps(10, [11, 12, 15, 16, 20], 7)).toEqual([
      [13, 14, 7],
      [17, 19, 7],
    ]);
    expect(findGaps(10, [], 7)).toEqual([]);
    expect(findGaps(0, [3], 7)).toEqual([[1, 2, 7]]);
  });

  it('splits a hole around positions that turned up', () => {
    expect(fillGaps([[10, 20, 1]], new Set([10, 14, 15, 20, 99]))).toEqual([
      [11, 13, 1],
      [16, 19, 1],
    ]);
    expect(fillGaps([[5, 5, 1]], new Set([5]))).toEqual([]);
  });

  it('keeps exactly the missing positions (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 200 }), { maxLength: 80 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 200 })),
        (seen, late) => {
          const seqs = [...seen].sort((a, b) => a - b);
          const gaps = fillGaps(findGaps(0, seqs, 0), new Set(late));
          const max = seqs[seqs.length - 1] ?? 0;
          const expected = [];
          for (let s = 1; s <= max; s++) if (!seen.includes(s) && !late.includes(s)) expected.push(s);
          const got = gaps.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i));
          expect(got).toEqual(expected);
        },
      ),
    );
  });

  it('forgets old holes and keeps the newest within a bound', () => {
    const gaps: [number, number, number][] = [
      [1, 1, 0],
      [3, 3, 50],
      [5, 5, 60],
      [7, 7, 70],
    ];
    expect(expireGaps(gaps, 100, 60, 10)).toEqual([
      [3, 3, 50],
      [5, 5, 60],
      [7, 7, 70],
    ]);
    expect(expireGaps(gaps, 100, 1000, 2)).toEqual([
      [7, 7, 70],
      [5, 5, 60],
    ]);
  });
});
