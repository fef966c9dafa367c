import { describe, expect, it } from 'vitest';
import { InteractionLog } from '../interaction-log.js';
import { loadRecommender } from '../registry.js';
import { PopularityRecommender } from './popularity-recommender.js';

const day = 86_400;
const log = InteractionLog.fromRows([
  // "old" was popular long ago, "new" is bought recently.
  ...[1, 2, 3, 4].map((u) => ({ userId: `u${u}`, itemId: 'old', timestamp: 0, eventType: 'view' })),
  ...[1, 2].map((u) => ({ userId: `u${u}`, itemId: 'new', timestamp: 30 * day, eventType: 'view' })),
  { userId: 'u1', itemId: 'mid', timestamp: 30 * day, eventType: 'purchase' },
]);
const id = (s: string): number => log.itemIndex.get(s)!;

describe('PopularityRecommender', () => {
  it('ranks all-time popularity by summed event weight', () => {
    const m = new PopularityRecommender();
    m.fit(log);
    const out = new Float32Array(m.numItems);
    m.score({ items: [] }, out);
    expect(out[id('mid')]).toBe(6); // one purchase outweighs views
    expect(out[id('old')]).toBe(4);
    expect(m.name).toBe('popularity');
  });

  it('decays old events when trending', () => {
    const m = new PopularityRecommender({ halfLifeSeconds: 7 * day });
    m.fit(log);
    const out = new Float32Array(m.numItems);
    m.score({ items: [] }, out);
    expect(out[id('new')]!).toBeGreaterThan(out[id('old')]!);
    const back = loadRecommender(m.save());
    const again = new Float32Array(m.numItems);
    back.score({ items: [] }, again);
    expect([...again]).toEqual([...out]);
  });

  it('lists the top items per group', () => {
    const m = new PopularityRecommender({ distinctUsers: true });
    m.fit(log);
    const groups = new Int32Array(log.numItems).fill(-1);
    groups[id('old')] = 0;
    groups[id('new')] = 0;
    groups[id('mid')] = 1;
    const byGroup = m.topByGroup(groups, 5);
    expect([...byGroup.get(0)!.indices]).toEqual([id('old'), id('new')]);
    expect([...byGroup.get(1)!.indices]).toEqual([id('mid')]);
  });
});
