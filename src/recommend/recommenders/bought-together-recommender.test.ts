import { describe, expect, it } from 'vitest';
import { InteractionLog } from '../interaction-log.js';
import type { InteractionRow } from '../interaction-log.js';
import { loadRecommender } from '../registry.js';
import { BoughtTogetherRecommender } from './bought-together-recommender.js';
import type { Association } from './bought-together-recommender.js';

/** Four baskets: {x,y}, {x,y}, {x,z}, {z,w}; a view of w that must not count. */
function rows(): InteractionRow[] {
  const baskets = [
    ['x', 'y'],
    ['x', 'y'],
    ['x', 'z'],
    ['z', 'w'],
  ];
  const out: InteractionRow[] = [];
  baskets.forEach((b, n) => {
    for (const item of b)
      out.push({ userId: `u${n % 2}`, itemId: item, timestamp: n * 100_000, eventType: 'purchase' });
  });
  out.push({ userId: 'u0', itemId: 'w', timestamp: 10, eventType: 'view' });
  return out;
}

describe('BoughtTogetherRecommender', () => {
  const log = InteractionLog.fromRows(rows());
  const m = new BoughtTogetherRecommender({ minSupport: 1, eventTypes: ['purchase'] });
  m.fit(log);
  const id = (s: string): number => log.itemIndex.get(s)!;

  it('computes support, confidence and lift per rule', () => {
    const rules = m.associations(id('x'));
    const y = rules.find((r: Association) => r.item === id('y'))!;
    // 4 baskets; x in 3, y in 2, both in 2: support 2/4, confidence 2/3, lift (2/3)/(2/4).
    expect(y.support).toBeCloseTo(0.5);
    expect(y.confidence).toBeCloseTo(2 / 3);
    expect(y.lift).toBeCloseTo(4 / 3);
    expect(rules[0]!.item).toBe(id('y'));
    expect(rules.some((r) => r.item === id('w'))).toBe(false);
  });

  it('applies the support floor and survives save/load', () => {
    const strict = new BoughtTogetherRecommender({ minSupport: 2, eventTypes: ['purchase'] });
    strict.fit(log);
    expect(strict.associations(id('x')).map((r) => r.item)).toEqual([id('y')]);
    const back = loadRecommender(strict.save()) as BoughtTogetherRecommender;
    expect(back.associations(id('x'))).toEqual(strict.associations(id('x')));
  });

  it('groups baskets by order where events carry one, by time where they do not', () => {
    // One customer buys a+b in one order and c+d in another a minute later, then e+f an hour apart without orders.
    const log = InteractionLog.fromRows([
      { userId: 'u', itemId: 'a', timestamp: 0, eventType: 'purchase' },
      { userId: 'u', itemId: 'b', timestamp: 0, eventType: 'purchase' },
      { userId: 'u', itemId: 'c', timestamp: 60, eventType: 'purchase' },
      { userId: 'u', itemId: 'd', timestamp: 60, eventType: 'purchase' },
      { userId: 'u', itemId: 'e', timestamp: 10_000, eventType: 'purchase' },
      { userId: 'u', itemId: 'f', timestamp: 10_100, eventType: 'purchase' },
    ]);
    const orders = [0, 0, 1, 1, -1, -1];
    const byOrder = new BoughtTogetherRecommender({ minSupport: 1, eventTypes: ['purchase'] });
    byOrder.fitBaskets(log, orders);
    const at = (s: string): number => log.itemIndex.get(s)!;
    const partners = (m: BoughtTogetherRecommender, s: string) => m.partners(at(s), 10).map((i) => log.itemIds[i]);
    expect(partners(byOrder, 'a')).toEqual(['b']);
    expect(partners(byOrder, 'c')).toEqual(['d']);
    expect(partners(byOrder, 'e')).toEqual(['f']);
    // Without orders the minute-apart purchases fall into one basket.
    const byTime = new BoughtTogetherRecommender({ minSupport: 1, eventTypes: ['purchase'] });
    byTime.fit(log);
    expect(partners(byTime, 'a').sort()).toEqual(['b', 'c', 'd']);
  });
});
