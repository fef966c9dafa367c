import { describe, expect, it } from 'vitest';
import { IvfIndex } from '../../math/ivf-index.js';
import { buildIvfIndex, IN_THREAD_BUILD_LIMIT } from './ivf-build-thread.js';

/** `n` seeded unit vectors of length `dim`, one after another. */
function unitVectors(n: number, dim: number): Float32Array {
  const out = new Float32Array(n * dim);
  let s = 7;
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const v = s / 2147483648 - 0.5;
      out[i * dim + d] = v;
      norm += v * v;
    }
    for (let d = 0; d < dim; d++) out[i * dim + d]! /= Math.sqrt(norm);
  }
  return out;
}

describe('buildIvfIndex', () => {
  it('builds a large index on another thread, the same index as a build in place', async () => {
    const dim = 8;
    const n = IN_THREAD_BUILD_LIMIT + 500;
    const vectors = unitVectors(n, dim);
    const inPlace = IvfIndex.build(vectors.slice(), dim).serialize();
    const moved = vectors.slice();
    const built = await buildIvfIndex(moved, dim);
    expect(moved.length).toBe(0); // the vectors went to the thread, not a copy of them
    expect(built.size).toBe(n);
    expect(built.lists).toBeGreaterThan(1);
    const state = built.serialize();
    expect(state.rows).toEqual(inPlace.rows);
    expect(state.offsets).toEqual(inPlace.offsets);
    expect(state.centres).toEqual(inPlace.centres);
    const query = vectors.subarray(5 * dim, 6 * dim);
    expect(built.search(query, 3).indices[0]).toBe(5);
  });

  it('builds a small index in place', async () => {
    const vectors = unitVectors(10, 4);
    const built = await buildIvfIndex(vectors, 4);
    expect(vectors.length).toBe(40);
    expect([built.size, built.lists]).toEqual([10, 1]);
  });
});
