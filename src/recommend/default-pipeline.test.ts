import { describe, expect, it } from 'vitest';
import { blendNdcg, searchBlendWeights } from './blend-weight-search.js';
import type { BlendData } from './blend-weight-search.js';
import { DefaultPipeline } from './default-pipeline.js';
import { groupedLog, idx } from './test-fixtures.js';

describe('DefaultPipeline', () => {
  const log = groupedLog(30);
  const pipeline = new DefaultPipeline({ easeMaxItems: 20 });
  pipeline.fit(log);

  it('chooses weights on validation and recommends the next item of the sequence', () => {
    expect(pipeline.weights.length).toBe(pipeline.models.length);
    expect(pipeline.validationNdcg).toBeGreaterThan(0);
    const [a0, a1, a2] = idx(log, 'a0', 'a1', 'a2');
    const recs = pipeline.recommend({ items: [a0!, a1!] }, 3);
    expect(recs[0]!.item).toBe(a2);
    expect(recs.every((r) => r.item !== a0 && r.item !== a1)).toBe(true);
    expect(recs[0]!.sources.length).toBeGreaterThan(0);
    expect(recs[0]!.sources.map((s) => s.name)).toContain('transitions');
    // "because you viewed a1": the newest event explains the transition to a2.
    expect(recs[0]!.because).toBe(1);
  });

  it('respects extra exclusions and serves anonymous sessions', () => {
    const [b0, b1] = idx(log, 'b0', 'b1');
    const recs = pipeline.recommend({ items: [b0!] }, 5, new Set([b1!]));
    expect(recs.map((r) => r.item)).not.toContain(b1);
    expect(log.itemIds[recs[0]!.item]).toMatch(/^(b|hit)/);
  });

  it('round-trips through save/load with identical scores', () => {
    const back = DefaultPipeline.load(pipeline.save());
    const h = { items: idx(log, 'a1') };
    const x = new Float32Array(log.numItems);
    const y = new Float32Array(log.numItems);
    pipeline.score(h, x);
    back.score(h, y);
    expect([...y]).toEqual([...x]);
    expect(back.weights).toEqual(pipeline.weights);
  });

  it('blends similar items', () => {
    const out = new Float32Array(log.numItems);
    const [a1] = idx(log, 'a1');
    pipeline.similar(a1!, out);
    expect(out[a1!]).toBe(0);
    expect(Math.max(...out)).toBeGreaterThan(0);
  });
});

describe('searchBlendWeights', () => {
  it('finds the component that ranks the target first', () => {
    // Two users, three candidates each; component 1 puts the target on top, component 0 does not.
    const d: BlendData = {
      numComponents: 2,
      userPtr: Int32Array.of(0, 3, 6),
      features: Float32Array.of(1, 0, 0.5, 0.2, 0.1, 1, 1, 0.1, 0.2, 0.3, 0, 1),
      relevant: Uint8Array.of(0, 0, 1, 0, 0, 1),
      targets: Int32Array.of(1, 1),
    };
    expect(blendNdcg(d, [1, 0])).toBeLessThan(1);
    const found = searchBlendWeights(d, [1, 0.1]);
    expect(found.ndcg).toBe(1);
    expect(found.weights[1]!).toBeGreaterThan(found.weights[0]!);
  });
});

describe('DefaultPipeline sessions', () => {
  it('builds a history from external ids for an anonymous session, dropping unknown items', () => {
    const log = groupedLog(10);
    const p = new DefaultPipeline({ validation: 'none', easeMaxItems: 0, als: false });
    p.fit(log);
    const back = DefaultPipeline.load(p.save());
    const h = back.historyOf([
      { itemId: 'a1', timestamp: 20, eventType: 'purchase' },
      { itemId: 'nope', timestamp: 5 },
      { itemId: 'a0', timestamp: 10, eventType: 'view' },
    ]);
    expect(Array.from(h.items).map((i) => back.itemIds[i])).toEqual(['a0', 'a1']);
    expect(Array.from(h.weights!)).toEqual([1, 6]);
    expect(back.itemIds[back.recommend(h, 1)[0]!.item]).toBe('a2');
  });
});
