import { describe, expect, it } from 'vitest';
import type { Candidate, ItemMeta } from './item-meta.js';
import { applyRules } from './rules.js';

const meta: ItemMeta[] = [
  { category: 'Beauty > Lips', price: 10, inStock: true, brand: 'Acme', attributes: { color: 'red' } },
  { category: 'Beauty > Hair', price: 25, inStock: false, attributes: { color: 'blue' } },
  { category: 'Toys', price: 5, attributes: { color: 'red' } },
  { category: 'Beauty/Lips/Gloss', price: 40, inStock: true, brand: 'Other' },
];
const lookup = (i: number): ItemMeta | undefined => meta[i];
const cands: Candidate[] = [
  { item: 0, score: 4 },
  { item: 1, score: 3 },
  { item: 2, score: 2 },
  { item: 3, score: 1 },
];
const items = (c: Candidate[]): number[] => c.map((x) => x.item);

describe('applyRules', () => {
  it('filters by category subtree with either separator', () => {
    expect(items(applyRules(cands, lookup, { categories: ['beauty > lips'] }))).toEqual([0, 3]);
    expect(items(applyRules(cands, lookup, { excludeCategories: ['Beauty'] }))).toEqual([2]);
  });

  it('filters by price range, stock and attributes', () => {
    expect(items(applyRules(cands, lookup, { minPrice: 6, maxPrice: 30 }))).toEqual([0, 1]);
    expect(items(applyRules(cands, lookup, { inStockOnly: true }))).toEqual([0, 2, 3]);
    expect(items(applyRules(cands, lookup, { attributes: { color: ['red', 'green'] } }))).toEqual([0, 2]);
  });

  it('matches list-valued attributes when any of their values matches', () => {
    const sized: ItemMeta[] = [
      { attributes: { size: ['S', 'M'] } },
      { attributes: { size: ['L'] } },
      { attributes: { size: 'M' } },
      {},
    ];
    const at = (i: number): ItemMeta | undefined => sized[i];
    expect(items(applyRules(cands, at, { attributes: { size: 'M' } }))).toEqual([0, 2]);
    expect(items(applyRules(cands, at, { attributes: { size: ['L', 'S'] } }))).toEqual([0, 1]);
    expect(items(applyRules(cands, at, { attributes: { size: 'XL' } }))).toEqual([]);
  });

  it('excludes ids and items seen within a window', () => {
    const history = { items: [2, 3], timestamps: [0, 1000] };
    expect(items(applyRules(cands, lookup, { excludeItems: [1], excludeSeen: { history } }))).toEqual([0]);
    expect(items(applyRules(cands, lookup, { excludeSeen: { history, withinSeconds: 100, now: 1000 } }))).toEqual([
      0, 1, 2,
    ]);
  });

  it('boosts matching items and re-sorts, without mutating the input', () => {
    const out = applyRules(cands, lookup, { boosts: [{ brand: 'other', factor: 10 }] });
    expect(items(out)).toEqual([3, 0, 1, 2]);
    expect(out[0]!.score).toBe(10);
    expect(cands[3]!.score).toBe(1);
  });

  it('pins items at positions but never brings back a filtered item', () => {
    expect(items(applyRules(cands, lookup, { pins: [{ item: 3, position: 0 }] }))).toEqual([3, 0, 1, 2]);
    expect(items(applyRules(cands, lookup, { inStockOnly: true, pins: [{ item: 1, position: 0 }] }))).toEqual([
      0, 2, 3,
    ]);
  });
});
