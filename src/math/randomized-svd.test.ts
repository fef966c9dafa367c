import { describe, expect, it } from 'vitest';
import { randomizedSvd, symmetricEigen } from './randomized-svd.js';
import type { SparseRows } from './randomized-svd.js';

/** A sparse matrix from dense rows. */
function sparse(dense: number[][]): SparseRows {
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of dense) {
    row.forEach((v, c) => {
      if (v !== 0) {
        indices.push(c);
        values.push(v);
      }
    });
    indptr.push(indices.length);
  }
  return {
    rows: dense.length,
    cols: dense[0]!.length,
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    values: Float32Array.from(values),
  };
}

describe('randomizedSvd', () => {
  it('diagonalises a symmetric matrix', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect([...values].sort()).toEqual([expect.closeTo(1, 9), expect.closeTo(3, 9)]);
    // Columns are orthonormal.
    expect(vectors[0]! * vectors[1]! + vectors[2]! * vectors[3]!).toBeCloseTo(0, 9);
  });

  it('recovers the singular values and right vectors of a low-rank matrix', () => {
    // Rank 2: rows are combinations of two orthogonal column patterns with weights 3 and 1.
    const p = [1, 1, 0, 0, 0, 0];
    const q = [0, 0, 1, 1, 1, 1];
    const dense = Array.from({ length: 40 }, (_, i) => p.map((v, c) => (i % 2 === 0 ? 3 * v : q[c]!)));
    const svd = randomizedSvd(sparse(dense), 2, { iterations: 2 });
    // σ = ‖column pattern‖ · weight · √(rows using it): 3·√2·√20 and 1·2·√20.
    expect(svd.values[0]).toBeCloseTo(3 * Math.SQRT2 * Math.sqrt(20), 4);
    expect(svd.values[1]).toBeCloseTo(2 * Math.sqrt(20), 4);
    // The first right vector is p normalised (up to sign).
    const v0 = Array.from({ length: 6 }, (_, c) => svd.vectors[c * 2]!);
    expect(Math.abs(v0[0]!)).toBeCloseTo(Math.SQRT1_2, 4);
    expect(Math.abs(v0[3]!)).toBeCloseTo(0, 4);
  });
});
