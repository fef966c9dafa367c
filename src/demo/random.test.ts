import { describe, expect, it } from 'vitest';
import { deriveSeed, Random, WeightedSampler } from './random.js';

describe('Random', () => {
  it('replays the same sequence for the same seed and a different one for another seed', () => {
    const draw = (seed: number): number[] => {
      const r = new Random(seed);
      return Array.from({ length: 20 }, () => r.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('stays in range and is roughly uniform', () => {
    const r = new Random(1);
    const buckets = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      if (x < 0 || x >= 1) outside++;
      else buckets[Math.floor(x * 10)]! += 1;
    }
    expect(outside).toBe(0);
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });

  it('draws weighted choices in proportion to their weights', () => {
    const r = new Random(3);
    const sampler = new WeightedSampler([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[sampler.sample(r)]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.7);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.3);
  });

  it('derives distinct sub-seeds per label', () => {
    expect(deriveSeed(42, 'catalogue')).not.toBe(deriveSeed(42, 'customers'));
    expect(deriveSeed(42, 'catalogue')).toBe(deriveSeed(42, 'catalogue'));
  });
});
