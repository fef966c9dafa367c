import { describe, expect, it } from 'vitest';
import { IvfIndex } from './ivf-index.js';

function unitVectors(n: number, dim: number, seed: number): Float32Array {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 4294967296 - 0.5);
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    // Clustered data, as embeddings are: a few centres plus noise.
    const centre = i % 12;
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      const v = (d % 12 === centre ? 1 : 0) + next() * 0.6;
      out[i * dim + d] = v;
      norm += v * v;
    }
    for (let d = 0; d < dim; d++) out[i * dim + d]! /= Math.sqrt(norm);
  }
  return out;
}

function exact(vectors: Float32Array, dim: number, query: Float32Array, k: number): number[] {
  const n = vectors.length / dim;
  const scored = Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let d = 0; d < dim; d++) s += vectors[i * dim + d]! * query[d]!;
    return { i, s };
  });
  return scored
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, k)
    .map((x) => x.i);
}

describe('IvfIndex', () => {
  const dim = 24;
  const vectors = unitVectors(3000, dim, 5);
  const index = IvfIndex.build(vectors, dim, { seed: 1 });

  it('splits a few thousand vectors into about √n lists', () => {
    expect(index.size).toBe(3000);
    expect(index.lists).toBe(55);
  });

  it('equals an exact scan when every list is probed', () => {
    for (const q of [0, 17, 2999]) {
      const query = vectors.subarray(q * dim, (q + 1) * dim);
      expect([...index.search(query, 10, { probe: index.lists }).indices]).toEqual(exact(vectors, dim, query, 10));
    }
  });

  it('finds most true neighbours with the default probe', () => {
    let hits = 0;
    for (let q = 0; q < 50; q++) {
      const query = vectors.subarray(q * 37 * dim, (q * 37 + 1) * dim);
      const truth = new Set(exact(vectors, dim, query, 10));
      for (const i of index.search(query, 10).indices) if (truth.has(i)) hits++;
    }
    expect(hits / 500).toBeGreaterThan(0.9);
  });

  it('leaves excluded rows out and survives serialisation', () => {
    const query = vectors.subarray(0, dim);
    const restored = IvfIndex.deserialize(index.serialize());
    const found = restored.search(query, 5, { exclude: (row) => row === 0 });
    expect([...found.indices]).not.toContain(0);
    expect([...found.indices]).toEqual([...index.search(query, 5, { exclude: (row) => row === 0 }).indices]);
  });

  it('answers with an exact scan below 2,000 vectors', () => {
    const small = IvfIndex.build(vectors.subarray(0, 100 * dim), dim);
    expect(small.lists).toBe(1);
    expect(small.search(vectors.subarray(0, dim), 1).indices[0]).toBe(0);
  });
});
