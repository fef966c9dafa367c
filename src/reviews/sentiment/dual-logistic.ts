/**
 * The same L2-regularised logistic regression as {@link fitLogistic}, solved by dual coordinate descent
 * (Yu, Huang & Lin 2011; LIBLINEAR's `-s 7`): one row at a time, a one-variable Newton step on its dual
 * variable and a sparse update of the weights. On hashed text features it reaches the optimum in a few
 * passes over the rows and touches only the buckets the rows use, where L-BFGS needs a hundred passes
 * plus several dense passes over every bucket per iteration. Deterministic: rows are visited in a seeded order.
 */
import { seededRandom, shuffleInPlace } from '../../math/random.js';
import { rowScales, type LinearModel, type LogisticOptions } from './logistic-regression.js';
import type { SparseRows } from './sparse-rows.js';

/** Settings of {@link fitLogisticDual}: those of {@link fitLogistic} (iterations = passes over the rows) plus a seed and a tolerance. */
export interface DualLogisticOptions extends LogisticOptions {
  /** Seed of the order rows are visited in (default 1). */
  seed?: number;
  /** Stops when the largest dual gradient of a pass is below this (default 0.01). */
  tolerance?: number;
  /**
   * A fixed logit per row added to the model's (length rows): the fit is then a correction to a prior model
   * whose logits these are, with the L2 penalty pulling the correction (not the weights) to 0.
   */
  offsets?: Float64Array;
}

/**
 * Fits the model; labels are 1 (positive) / 0 (negative). The bias is an extra feature of value 1 and, unlike
 * {@link fitLogistic}'s, carries the L2 penalty too (immaterial with thousands of rows).
 */
export function fitLogisticDual(data: SparseRows, labels: Uint8Array, options: DualLogisticOptions): LinearModel {
  const d = data.dims;
  const rows = data.indptr.length - 1;
  const { indptr, indices } = data;
  const values = options.values;
  const offsets = options.offsets;
  const scales = rowScales(data, options.normalize);
  const c = 1 / options.l2; // Σ loss + λ/2·|w|² = λ·(|w|²/2 + C·Σ loss)
  const w = new Float64Array(d + 1); // last slot: bias
  // Two dual variables per row summing to C (alpha[2i] is the row's weight), as LIBLINEAR keeps them for stability.
  const alpha = new Float64Array(2 * rows);
  const squared = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const y = labels[i] === 1 ? 1 : -1;
    alpha[2 * i] = Math.min(0.001 * c, 1e-8);
    alpha[2 * i + 1] = c - alpha[2 * i]!;
    const s = scales[i]!;
    let sq = 1;
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
      const v = values ? values[indices[k]!]! * s : s;
      sq += v * v;
      w[indices[k]!]! += y * alpha[2 * i]! * v;
    }
    w[d]! += y * alpha[2 * i]!;
    squared[i] = sq;
  }
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const random = seededRandom(options.seed ?? 1);
  const tolerance = options.tolerance ?? 0.01;
  let innerTolerance = 0.01;
  for (let pass = 0; pass < options.iterations; pass++) {
    shuffleInPlace(order, random);
    let largest = 0;
    let newtonSteps = 0;
    for (const i of order) {
      const y = labels[i] === 1 ? 1 : -1;
      const s = scales[i]!;
      const a = indptr[i]!;
      const b = indptr[i + 1]!;
      let z0 = w[d]! + (offsets ? offsets[i]! : 0);
      if (values) for (let k = a; k < b; k++) z0 += w[indices[k]!]! * values[indices[k]!]! * s;
      else for (let k = a; k < b; k++) z0 += w[indices[k]!]! * s;
      const q = squared[i]!;
      const margin = y * z0;
      let one = 2 * i;
      let other = 2 * i + 1;
      let sign = 1;
      if (0.5 * q * (alpha[other]! - alpha[one]!) + margin < 0) {
        one = 2 * i + 1;
        other = 2 * i;
        sign = -1;
      }
      const old = alpha[one]!;
      let z = old;
      if (c - z < 0.5 * c) z *= 0.1;
      let gradient = q * (z - old) + sign * margin + Math.log(z / (c - z));
      largest = Math.max(largest, Math.abs(gradient));
      let steps = 0;
      while (steps <= 100 && Math.abs(gradient) >= innerTolerance) {
        const next = z - gradient / (q + c / (c - z) / z);
        z = next <= 0 ? z * 0.1 : next;
        gradient = q * (z - old) + sign * margin + Math.log(z / (c - z));
        steps++;
      }
      newtonSteps += steps;
      if (steps > 0) {
        alpha[one] = z;
        alpha[other] = c - z;
        const delta = sign * (z - old) * y;
        if (values) for (let k = a; k < b; k++) w[indices[k]!]! += delta * values[indices[k]!]! * s;
        else for (let k = a; k < b; k++) w[indices[k]!]! += delta * s;
        w[d]! += delta;
      }
    }
    options.onIteration?.(pass + 1, largest);
    if (largest < tolerance) break;
    if (newtonSteps <= rows / 10) innerTolerance = Math.max(Math.min(1e-8, tolerance), 0.1 * innerTolerance);
  }
  const weights = new Float32Array(d);
  for (let j = 0; j < d; j++) weights[j] = values ? w[j]! * values[j]! : w[j]!;
  return { weights, bias: w[d]! };
}
