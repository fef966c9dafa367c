import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { capPerCategory, categorySimilarity, mmr } from './diversity.js';
import type { ItemMeta } from './item-meta.js';

const meta: ItemMeta[] = [
  { category: 'Beauty > Lips' },
  { category: 'Beauty > Lips' },
  { category: 'Beauty > Lips' },
  { category: 'Toys' },
  { category: 'Beauty > Hair' },
];
const lookup = (i: number): ItemMeta | undefined => meta[i];
const cands = [0, 1, 2, 3, 4].map((item) => ({ item, score: 5 - item }));

describe('capPerCategory', () => {
  it('keeps at most n per category, filling k from the overflow only when needed', () => {
    expect(capPerCategory(cands, lookup, 1, 3).map((c) => c.item)).toEqual([0, 3, 4]);
    expect(capPerCategory(cands, lookup, 1, 5).map((c) => c.item)).toEqual([0, 3, 4, 1, 2]);
  });
});

describe('mmr', () => {
  it('with λ = 1 keeps the relevance order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }), (scores) => {
        const c = scores.map((score, item) => ({ item, score })).sort((a, b) => b.score - a.score || a.item - b.item);
        expect(mmr(c, () => 1, 1).map((x) => x.item)).toEqual(c.map((x) => x.item));
      }),
    );
  });

  it('spreads categories when λ is small', () => {
    const out = mmr(cands, categorySimilarity(lookup), 0.3, 3).map((c) => c.item);
    expect(out).toEqual([0, 3, 4]);
  });
});
