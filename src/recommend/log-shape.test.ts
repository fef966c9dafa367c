import { describe, expect, it } from 'vitest';
import { InteractionLog } from './interaction-log.js';
import type { InteractionRow } from './interaction-log.js';
import { chooseProtocol, measureLogShape, planValidation } from './log-shape.js';
import { groupedLog } from './test-fixtures.js';

/** Users who each rate 12 of 40 items, several in the same second. */
function ratingLog(): InteractionLog {
  const rows: InteractionRow[] = [];
  for (let u = 0; u < 30; u++)
    for (let e = 0; e < 12; e++)
      rows.push({
        userId: `u${u}`,
        itemId: `m${(u * 7 + e * 3) % 40}`,
        timestamp: 1000 + Math.floor(e / 3),
        eventType: 'rating',
        value: 1 + (e % 5),
      });
  return InteractionLog.fromRows(rows);
}

describe('measureLogShape', () => {
  it('counts tied timestamps, ratings and repeats', () => {
    const log = InteractionLog.fromRows([
      { userId: 'a', itemId: 'x', timestamp: 1, eventType: 'purchase' },
      { userId: 'a', itemId: 'y', timestamp: 1, eventType: 'purchase' },
      { userId: 'a', itemId: 'x', timestamp: 5, eventType: 'purchase' },
      { userId: 'b', itemId: 'y', timestamp: 2, eventType: 'rating', value: 4 },
    ]);
    const s = measureLogShape(log, false);
    expect(s.tiedShare).toBeCloseTo(1 / 2); // a: (x,y) tied, (y,x) not; b has no pair
    expect(s.ratingShare).toBeCloseTo(1 / 4);
    expect(s.repeatShare).toBeCloseTo(1 / 4);
    expect(s.medianDistinctItems).toBe(2);
    expect(s.nextItemLift).toBeNull();
  });
});

describe('chooseProtocol', () => {
  it('holds out the last event of ordered sequences (real sequences: quality.test.ts on Amazon Beauty)', () => {
    const plan = chooseProtocol({ ...measureLogShape(groupedLog(30), false), nextItemLift: 1.6 });
    expect(plan.protocol).toBe('last');
    expect(plan.reason).toMatch(/sequences \(next-item lift 1.60/);
  });

  it('holds out random sets for ratings, baskets, unordered logs and long histories, naming why', () => {
    expect(planValidation(ratingLog())).toMatchObject({ protocol: 'random', reason: expect.stringMatching(/ratings/) });
    const base = { ...measureLogShape(groupedLog(30)), nextItemLift: 2 };
    expect(chooseProtocol({ ...base, tiedShare: 0.6 })).toMatchObject({
      protocol: 'basket',
      reason: expect.stringMatching(/60% of events share the timestamp/),
    });
    expect(chooseProtocol({ ...base, nextItemLift: 0.9 }).reason).toMatch(/no more predictable/);
    expect(chooseProtocol({ ...base, medianDistinctItems: 80 }).reason).toMatch(/long histories/);
  });
});
