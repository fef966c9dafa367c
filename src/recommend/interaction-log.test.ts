import { describe, expect, it } from 'vitest';
import { DEFAULT_EVENT_WEIGHTS, eventCode, eventWeight } from './event-weights.js';
import { recencyWeights } from './history.js';
import { InteractionLog } from './interaction-log.js';

describe('InteractionLog', () => {
  const log = InteractionLog.fromRows([
    { userId: 'u2', itemId: 'b', timestamp: 5, eventType: 'purchase' },
    { userId: 'u1', itemId: 'a', timestamp: 9, eventType: 'view' },
    { userId: 'u1', itemId: 'b', timestamp: 3, eventType: 'add_to_cart' },
    { userId: 'u1', itemId: 'c', timestamp: 4, eventType: 'rating', value: 4 },
  ]);

  it('maps ids to indices and groups events by user in time order', () => {
    expect(log.userIds).toEqual(['u2', 'u1']);
    expect(log.itemIds).toEqual(['b', 'a', 'c']);
    const h = log.history(1);
    expect(Array.from(h.items).map((i) => log.itemIds[i])).toEqual(['b', 'c', 'a']);
    expect(Array.from(h.timestamps!)).toEqual([3, 4, 9]);
    expect(Array.from(h.weights!)).toEqual([4, 4, 1]);
    expect(log.numUsers).toBe(2);
    expect(log.size).toBe(4);
    expect(log.maxTimestamp).toBe(9);
  });

  it('selects a subset with the same index space', () => {
    const keep = Uint8Array.of(1, 0, 1, 1);
    const sub = log.select(keep);
    expect(sub.numItems).toBe(3);
    expect(sub.size).toBe(3);
    // Masks index the sorted log: u2·b, then u1·b, u1·c, u1·a.
    expect([...sub.itemCounts()]).toEqual([1, 1, 1]);
  });
});

describe('event weights', () => {
  it('orders intent view < click < wishlist < add_to_cart < purchase and makes cart removal negative', () => {
    const w = (t: string): number => eventWeight(eventCode(t), Number.NaN);
    expect(w('view')).toBeLessThan(w('click'));
    expect(w('click')).toBeLessThan(w('wishlist'));
    expect(w('wishlist')).toBeLessThan(w('add_to_cart'));
    expect(w('add_to_cart')).toBeLessThan(w('purchase'));
    expect(w('remove_from_cart')).toBeLessThan(0);
    expect(w('something-else')).toBe(DEFAULT_EVENT_WEIGHTS.interaction);
  });

  it('scales ratings by value / 5', () => {
    expect(eventWeight(eventCode('rating'), 5)).toBe(5);
    expect(eventWeight(eventCode('rating'), 2.5)).toBe(2.5);
  });
});

describe('recencyWeights', () => {
  it('combines event weight, positional decay, time half-life and a length cap', () => {
    const w = recencyWeights(
      { items: [1, 2, 3], weights: [2, 1, 1], timestamps: [0, 50, 100] },
      { positionDecay: 0.5, halfLifeSeconds: 100, maxLength: 2 },
    );
    expect(w[2]).toBeCloseTo(1);
    expect(w[1]).toBeCloseTo(0.5 * Math.SQRT1_2);
    expect(w[0]).toBe(0);
  });
});
