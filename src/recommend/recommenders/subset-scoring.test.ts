/** Subset scoring and cheap candidates agree with full scoring, for every model that offers them. */
import { describe, expect, it } from 'vitest';
import { InteractionLog } from '../interaction-log.js';
import type { InteractionRow } from '../interaction-log.js';
import { ItemSubset } from '../item-subset.js';
import type { Recommender } from '../recommender.js';
import { AlsRecommender } from './als-recommender.js';
import { ContentRecommender } from './content-recommender.js';
import { EaseRecommender } from './ease-recommender.js';
import { ItemKnnRecommender } from './item-knn-recommender.js';
import { PopularityRecommender } from './popularity-recommender.js';
import { TransitionRecommender } from './transition-recommender.js';

/** 60 users walking 40 items of four categories in overlapping runs (seeded, no randomness). */
function walkLog(): InteractionLog {
  const rows: InteractionRow[] = [];
  for (let u = 0; u < 60; u++) {
    const start = (u * 7) % 40;
    for (let s = 0; s < 6; s++)
      rows.push({ userId: `u${u}`, itemId: `i${(start + s * (1 + (u % 3))) % 40}`, timestamp: 1000 + s * 60 });
  }
  return InteractionLog.fromRows(rows);
}

const log = walkLog();
const texts = new Map(log.itemIds.map((id) => [id, { title: `item ${id}`, category: `c${Number(id.slice(1)) % 4}` }]));
const models: Recommender[] = [
  new TransitionRecommender(),
  new ItemKnnRecommender({ neighbours: 20, positionDecay: 0.7 }),
  new PopularityRecommender(),
  new EaseRecommender({ maxItems: 30, positionDecay: 0.7 }),
  new AlsRecommender({ factors: 8, iterations: 4 }),
  new ContentRecommender(texts),
];
for (const m of models) m.fit(log);
const history = { items: Int32Array.from([3, 10, 17, 24]) };

describe('subset scoring', () => {
  for (const m of models) {
    it(`${m.name}: scoreSubset equals score on the subset's items`, () => {
      const full = new Float32Array(log.numItems);
      m.score(history, full);
      const subset = new ItemSubset(log.numItems);
      for (const i of [0, 5, 11, 12, 17, 30, 39, 2]) subset.add(i);
      subset.add(5); // a repeat is ignored
      expect(subset.size).toBe(8);
      const out = new Float32Array(subset.size);
      m.scoreSubset!(history, subset, out);
      subset.items.forEach((item, r) => expect(out[r]).toBeCloseTo(full[item]!, 5));
      subset.clear();
      expect(subset.size).toBe(0);
      expect(subset.position.every((p) => p === -1)).toBe(true);
    });
  }

  for (const m of models.filter((x) => x.candidates !== undefined)) {
    it(`${m.name}: candidates are unseen and include the best unseen item`, () => {
      const seen = new Uint8Array(log.numItems);
      for (const i of history.items) seen[i] = 1;
      const subset = new ItemSubset(log.numItems);
      m.candidates!(history, 10, seen, subset);
      expect(subset.size).toBeGreaterThan(0);
      expect([...subset.items].some((i) => seen[i])).toBe(false);
      const full = new Float32Array(log.numItems);
      m.score(history, full);
      let best = -1;
      for (let i = 0; i < full.length; i++) if (!seen[i] && (best < 0 || full[i]! > full[best]!)) best = i;
      expect(full[best]!).toBeGreaterThan(0);
      expect([...subset.items].map((i) => full[i]!)).toContain(full[best]!);
    });
  }
});

describe('content candidates on a large catalogue', () => {
  it('read a bounded head of a term every item shares and still find the item sharing a rare term', () => {
    // 6,000 items all "from brand acme"; items 10 and 11 share the rare word "teapot".
    const rows: InteractionRow[] = [];
    for (let i = 0; i < 6000; i++) rows.push({ userId: `u${i % 50}`, itemId: `i${i}`, timestamp: 1000 + i });
    const big = InteractionLog.fromRows(rows);
    const bigTexts = new Map(
      big.itemIds.map((id) => [
        id,
        { title: id === 'i10' || id === 'i11' ? `teapot ${id}` : `thing ${id}`, brand: 'acme' },
      ]),
    );
    const content = new ContentRecommender(bigTexts);
    content.fit(big);
    const at = (id: string) => big.itemIds.indexOf(id);
    const h = { items: Int32Array.from([at('i10')]) };
    const seen = new Uint8Array(big.numItems);
    seen[at('i10')] = 1;
    const subset = new ItemSubset(big.numItems);
    content.candidates(h, 10, seen, subset);
    expect(subset.size).toBe(10);
    expect([...subset.items]).toContain(at('i11'));
  });
});
