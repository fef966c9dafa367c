import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { descendingOrder, topKFromOrder } from './sorted-top-k.js';
import { topK } from './top-k.js';

describe('topKFromOrder', () => {
  it('gives what topK gives over the same scores, mask and floor (ties, NaN, negatives)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constant(Number.NaN), fc.constant(-0)), {
          maxLength: 80,
        }),
        fc.array(fc.boolean(), { maxLength: 80 }),
        fc.nat({ max: 20 }),
        fc.constantFrom(-Infinity, -1, 0),
        (values, masked, k, minScore) => {
          const scores = Float32Array.from(values);
          const mask = Uint8Array.from(values, (_, i) => (masked[i] ? 1 : 0));
          const expected = topK(scores, k, mask, minScore);
          // One order serves every floor at or above the one it was built with.
          const got = topKFromOrder(descendingOrder(scores, -Infinity), scores, k, mask, minScore);
          expect([...got.indices]).toEqual([...expected.indices]);
          expect([...got.scores]).toEqual([...expected.scores]);
        },
      ),
    );
  });

  it('stops at the floor and at k', () => {
    const scores = Float32Array.from([3, 0, 5, -1, 5, 2]);
    const order = descendingOrder(scores);
    expect([...order]).toEqual([2, 4, 0, 5, 1, 3]);
    const mask = Uint8Array.from([0, 0, 1, 0, 0, 0]);
    expect([...topKFromOrder(order, scores, 2, mask, 0).indices]).toEqual([4, 0]);
    expect([...topKFromOrder(order, scores, 10, mask, 0).indices]).toEqual([4, 0, 5]);
  });
});
