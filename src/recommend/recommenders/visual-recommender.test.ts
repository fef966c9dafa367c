import { describe, expect, it } from 'vitest';
import { defaultComponents } from '../default-components.js';
import { InteractionLog } from '../interaction-log.js';
import { ItemSubset } from '../item-subset.js';
import { loadRecommender } from '../registry.js';
import { topK } from '../../math/top-k.js';
import { SIMILAR_SCANNED, VisualRecommender } from './visual-recommender.js';

/** `n` unit vectors around 64 seeded centres (as photos of a catalogue cluster by kind), by item id. */
function clusteredImages(n: number, dim: number, noise: number): Map<string, Float32Array> {
  let s = 7;
  const random = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  const centres = Array.from({ length: 64 }, () => Float32Array.from({ length: dim }, random));
  return new Map(
    Array.from({ length: n }, (_, i) => {
      const v = Float32Array.from(centres[i % 64]!, (c) => c + noise * random());
      const norm = Math.hypot(...v);
      return [`i${i}`, v.map((x) => x / norm)];
    }),
  );
}

const log = InteractionLog.fromRows(
  ['red-dress', 'red-skirt', 'blue-jeans', 'blue-shorts', 'no-photo'].map((itemId, i) => ({
    userId: `u${i % 2}`,
    itemId,
    timestamp: i,
    eventType: 'view',
  })),
);
const id = (s: string): number => log.itemIndex.get(s)!;
const unit = (...v: number[]): Float32Array => {
  const n = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / n);
};
// Two looks: reddish vectors near one axis, bluish near another (as the image model clusters by kind).
const images = new Map([
  ['red-dress', unit(1, 0.1, 0)],
  ['red-skirt', unit(0.9, 0.2, 0.1)],
  ['blue-jeans', unit(0, 1, 0.1)],
  ['blue-shorts', unit(0.1, 0.9, 0.3)],
  ['not-in-log', unit(1, 0, 0)],
]);

describe('VisualRecommender', () => {
  const fitted = () => {
    const m = new VisualRecommender(images);
    m.fit(log);
    return m;
  };

  it('scores items by how much their photos look like the history', () => {
    const m = fitted();
    expect(m.numItems).toBe(5);
    expect(m.itemsWithImages).toBe(4);
    const out = new Float32Array(m.numItems);
    m.score({ items: [id('red-dress')] }, out);
    expect(out[id('red-skirt')]!).toBeGreaterThan(out[id('blue-jeans')]!);
    expect(out[id('red-skirt')]!).toBeGreaterThan(0.9);
    // An item without a photo vector has no evidence either way.
    expect(out[id('no-photo')]).toBe(0);
    // The newest event counts most when older ones decay.
    const decayed = new VisualRecommender(images, { positionDecay: 0.2 });
    decayed.fit(log);
    decayed.score({ items: [id('red-dress'), id('blue-jeans')] }, out);
    expect(out[id('blue-shorts')]!).toBeGreaterThan(out[id('red-skirt')]!);
  });

  it('gives nothing for a history without photos', () => {
    const out = new Float32Array(5).fill(7);
    fitted().score({ items: [id('no-photo')] }, out);
    expect([...out]).toEqual([0, 0, 0, 0, 0]);
  });

  it('scores a subset as it scores the catalogue, finds similar items, and survives a save', () => {
    const m = fitted();
    const history = { items: [id('blue-jeans'), id('red-skirt')] };
    const full = new Float32Array(m.numItems);
    m.score(history, full);
    const subset = new ItemSubset(m.numItems);
    subset.addAll([id('blue-shorts'), id('red-dress'), id('no-photo')]);
    const part = new Float32Array(subset.size);
    m.scoreSubset(history, subset, part);
    expect([...part]).toEqual([full[id('blue-shorts')], full[id('red-dress')], 0]);

    const similar = new Float32Array(m.numItems);
    m.similar(id('blue-jeans'), similar);
    expect(similar[id('blue-jeans')]).toBe(0);
    expect(similar.indexOf(Math.max(...similar))).toBe(id('blue-shorts'));

    const back = loadRecommender(m.save());
    expect(back.name).toBe('visual');
    const again = new Float32Array(m.numItems);
    back.score(history, again);
    expect([...again]).toEqual([...full]);
  });

  it('joins the default blend only when items have image vectors', () => {
    expect(defaultComponents(log).map((c) => c.create().name)).not.toContain('visual');
    expect(defaultComponents(log, { itemImages: images }).map((c) => c.create().name)).toContain('visual');
  });

  it('finds similar items of a large catalogue through its IVF lists, as the full scan does, and keeps them in a save', () => {
    const n = 12_000;
    const images = clusteredImages(n, 24, 0.8);
    const big = InteractionLog.fromRows(
      [...images.keys()].map((itemId, i) => ({ userId: `u${i % 50}`, itemId, timestamp: i })),
    );
    const m = new VisualRecommender(images);
    m.fit(big);
    const restored = loadRecommender(m.save()) as VisualRecommender;
    const indexed = new Float32Array(n);
    const exact = new Float32Array(n);
    let hits = 0;
    let touched = 0;
    const queries = 50;
    for (let q = 0; q < queries; q++) {
      const item = (q * 7919) % n;
      restored.similar(item, indexed);
      m.score({ items: [item] }, exact);
      exact[item] = 0;
      const truth = new Set(topK(exact, 10).indices);
      for (const i of topK(indexed, 10).indices) if (truth.has(i)) hits++;
      touched += indexed.reduce((c, x) => c + (x > 0 ? 1 : 0), 0);
      expect(indexed[item]).toBe(0);
    }
    expect(hits / (queries * 10)).toBeGreaterThanOrEqual(0.95);
    // A request scores the nearest lists' items, not the catalogue.
    expect(touched / queries).toBeLessThan(SIMILAR_SCANNED * 1.5);
  });
});
