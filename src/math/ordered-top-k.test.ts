import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderedTopK } from './ordered-top-k.js';

describe('OrderedTopK', () => {
  it('keeps the first k of a stable sort, ties in offer order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.integer({ min: 0, max: 5 }), id: fc.nat() }), { maxLength: 80 }),
        fc.integer({ min: 0, max: 20 }),
        (items, k) => {
          const compare = (a: { key: number }, b: { key: number }) => a.key - b.key;
          const top = new OrderedTopK(k, compare);
          for (const item of items) top.push(item);
          expect(top.sorted()).toEqual([...items].sort(compare).slice(0, k));
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });
});
