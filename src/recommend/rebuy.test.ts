import { describe, expect, it } from 'vitest';
import { InteractionLog } from './interaction-log.js';
import type { InteractionRow } from './interaction-log.js';
import { isRebought, rebuyShares } from './rebuy.js';

describe('rebuyShares', () => {
  it('counts buyers who bought an item again on a later occasion, not twice in one basket', () => {
    const rows: InteractionRow[] = [];
    const buy = (userId: string, itemId: string, timestamp: number) =>
      rows.push({ userId, itemId, timestamp, eventType: 'purchase' });
    // Coffee: three buyers, two of them again later. Mug: bought twice in one basket, viewed later.
    buy('a', 'coffee', 1);
    buy('a', 'coffee', 40);
    buy('b', 'coffee', 2);
    buy('b', 'coffee', 50);
    buy('c', 'coffee', 3);
    buy('a', 'mug', 1);
    buy('a', 'mug', 1);
    rows.push({ userId: 'a', itemId: 'mug', timestamp: 60, eventType: 'view' });
    buy('d', 'lamp', 5);
    buy('d', 'lamp', 90); // one re-buyer only: not a pattern
    const log = InteractionLog.fromRows(rows);
    const shares = rebuyShares(log);
    const [coffee, mug, lamp] = ['coffee', 'mug', 'lamp'].map((id) => log.itemIndex.get(id)!);
    expect(shares[coffee!]).toBeCloseTo(2 / 3);
    expect(shares[mug!]).toBe(0);
    expect(shares[lamp!]).toBe(0);
    expect(isRebought(shares, coffee!)).toBe(true);
    expect(isRebought(shares, mug!)).toBe(false);
    expect(isRebought(null, coffee!)).toBe(false);
  });
});
