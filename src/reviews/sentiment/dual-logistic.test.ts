/** Dual coordinate descent reaches the optimum L-BFGS reaches, on the same objective. */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../math/random.js';
import { fitLogisticDual } from './dual-logistic.js';
import { fitLogistic, rowScales, type LinearModel } from './logistic-regression.js';
import type { SparseRows } from './sparse-rows.js';

/** Random sparse rows whose label follows a hidden linear rule with some noise. */
function problem(rows: number, dims: number, seed: number): { data: SparseRows; labels: Uint8Array } {
  const random = seededRandom(seed);
  const truth = Float64Array.from({ length: dims }, () => random() * 2 - 1);
  const indptr = new Int32Array(rows + 1);
  const indices: number[] = [];
  const labels = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const ids = new Set<number>();
    const n = 3 + Math.floor(random() * 12);
    while (ids.size < n) ids.add(Math.floor(random() * dims));
    let z = 0;
    for (const j of ids) {
      indices.push(j);
      z += truth[j]!;
    }
    labels[r] = z + (random() - 0.5) > 0 ? 1 : 0;
    indptr[r + 1] = indices.length;
  }
  return { data: { indptr, indices: Uint32Array.from(indices), dims }, labels };
}

/** The objective both solvers minimise (the bias unpenalised, as fitLogistic has it). */
function objective(m: LinearModel, data: SparseRows, labels: Uint8Array, l2: number, values: Float32Array | null) {
  const scales = rowScales(data, true);
  let loss = 0;
  for (let r = 0; r < labels.length; r++) {
    let z = 0;
    for (let k = data.indptr[r]!; k < data.indptr[r + 1]!; k++) z += m.weights[data.indices[k]!]!;
    const margin = (labels[r] === 1 ? 1 : -1) * (z * scales[r]! + m.bias);
    loss += Math.log1p(Math.exp(-margin));
  }
  let reg = 0;
  m.weights.forEach((w, j) => {
    const raw = values ? (values[j] === 0 ? 0 : w / values[j]!) : w;
    reg += raw * raw;
  });
  return loss + 0.5 * l2 * reg;
}

describe('fitLogisticDual', () => {
  const { data, labels } = problem(600, 200, 7);
  const values = Float32Array.from({ length: 200 }, (_, j) => 0.5 + (j % 5) / 4);

  for (const v of [null, values]) {
    it(`reaches L-BFGS's optimum (${v ? 'feature values' : 'binary features'})`, () => {
      const options = { l2: 1, values: v, normalize: true };
      const lbfgs = fitLogistic(data, labels, { ...options, iterations: 500 });
      const dual = fitLogisticDual(data, labels, { ...options, iterations: 200, tolerance: 1e-4 });
      const a = objective(lbfgs, data, labels, 1, v);
      const b = objective(dual, data, labels, 1, v);
      expect(Math.abs(a - b) / a).toBeLessThan(1e-3);
      for (let j = 0; j < 200; j++) expect(dual.weights[j]).toBeCloseTo(lbfgs.weights[j]!, 1);
    });
  }

  it('is deterministic for a seed', () => {
    const options = { l2: 0.1, values: null, normalize: true, iterations: 5 };
    const a = fitLogisticDual(data, labels, { ...options, seed: 3 });
    const b = fitLogisticDual(data, labels, { ...options, seed: 3 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(a.bias).toBe(b.bias);
  });
});
