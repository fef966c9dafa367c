import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { topK, topKSparse } from './top-k.js';

/** The reference: sort by score descending, then index ascending. */
function reference(scores: number[], k: number, exclude: Set<number>, minScore = -Infinity): number[] {
  return scores
    .map((s, i) => ({ s: Math.fround(s), i }))
    .filter((x) => !exclude.has(x.i) && x.s > minScore)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, k)
    .map((x) => x.i);
}

describe('topK', () => {
  it('equals sorting (ties to the lower index), with exclusions as a set or a mask', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 60 }),
        fc.nat({ max: 12 }),
        fc.array(fc.nat({ max: 60 }), { maxLength: 10 }),
        (scores, k, ex) => {
          const exclude = new Set(ex);
          const want = reference(scores, k, exclude);
          expect([...topK(Float32Array.from(scores), k, exclude).indices]).toEqual(want);
          const mask = new Uint8Array(scores.length);
          for (const e of ex) if (e < mask.length) mask[e] = 1;
          expect([...topK(scores, k, mask).indices]).toEqual(want);
          expect([...topK(scores, k, exclude, 0).indices]).toEqual(reference(scores, k, exclude, 0));
        },
      ),
    );
  });

  it('returns scores best first', () => {
    const r = topK(Float32Array.of(0.1, 0.9, 0.5), 2);
    expect([...r.indices]).toEqual([1, 2]);
    expect([...r.scores]).toEqual([Math.fround(0.9), 0.5]);
  });

  it('selects from sparse pairs', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: 100 }), { maxLength: 30 }), fc.nat({ max: 10 }), (idx, k) => {
        const scores = idx.map((i) => (i * 7919) % 13);
        const got = topKSparse(idx, scores, idx.length, k);
        const want = idx
          .map((i, p) => ({ i, s: scores[p]! }))
          .sort((a, b) => b.s - a.s || a.i - b.i)
          .slice(0, k)
          .map((x) => x.i);
        expect([...got.indices]).toEqual(want);
      }),
    );
  });
});
