/**
 * L2-regularised logistic regression on binary sparse rows whose features carry a fixed per-feature
 * value (NB ratios for NBSVM-style models, or 1), each row optionally scaled to unit length.
 * Trained full-batch with L-BFGS: deterministic, and it converges to the optimum without a learning rate to tune.
 */
import type { SparseRows } from './sparse-rows.js';

/** Fitted weights (feature values folded in): score = bias + Σ weights[j] / √count when normalised. */
export interface LinearModel {
  /** Weight per feature bucket. */
  weights: Float32Array;
  /** Intercept. */
  bias: number;
}

/** Training settings. */
export interface LogisticOptions {
  /** L2 penalty λ on the weights (not the bias), per the summed loss. */
  l2: number;
  /** L-BFGS iterations. */
  iterations: number;
  /** Per-feature value (length dims), or null for 1. */
  values: Float32Array | null;
  /** Divides each row by the square root of its feature count. */
  normalize: boolean;
  /** Called after each iteration with the objective. */
  onIteration?: (iteration: number, loss: number) => void;
}

const HISTORY = 6;

/** Per-row scale factors: 1/√(features in the row) when normalising (scoring needs only the count), else 1. */
export function rowScales(data: SparseRows, normalize: boolean): Float64Array {
  const rows = data.indptr.length - 1;
  const scales = new Float64Array(rows).fill(1);
  if (!normalize) return scales;
  for (let r = 0; r < rows; r++) scales[r] = 1 / Math.sqrt(Math.max(1, data.indptr[r + 1]! - data.indptr[r]!));
  return scales;
}

/** Fits the model; labels are 1 (positive) / 0 (negative). */
export function fitLogistic(data: SparseRows, labels: Uint8Array, options: LogisticOptions): LinearModel {
  const d = data.dims;
  const n = d + 1; // last slot: bias
  const rows = data.indptr.length - 1;
  const values = options.values;
  const scales = rowScales(data, options.normalize);
  const { indptr, indices } = data;

  const lossAndGrad = (w: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let loss = 0;
    for (let r = 0; r < rows; r++) {
      const a = indptr[r]!;
      const b = indptr[r + 1]!;
      const s = scales[r]!;
      let z = 0;
      if (values) for (let k = a; k < b; k++) z += w[indices[k]!]! * values[indices[k]!]!;
      else for (let k = a; k < b; k++) z += w[indices[k]!]!;
      z = z * s + w[d]!;
      const y = labels[r] === 1 ? 1 : -1;
      const m = y * z;
      loss += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
      const coef = (-y / (1 + Math.exp(m))) * s; // d loss / d z, times the row scale
      if (values) for (let k = a; k < b; k++) g[indices[k]!]! += coef * values[indices[k]!]!;
      else for (let k = a; k < b; k++) g[indices[k]!]! += coef;
      g[d]! += coef / s;
    }
    let reg = 0;
    for (let j = 0; j < d; j++) {
      const wj = w[j]!;
      if (wj !== 0) {
        reg += wj * wj;
        g[j]! += options.l2 * wj;
      }
    }
    return loss + 0.5 * options.l2 * reg;
  };

  const w = new Float64Array(n);
  const g = new Float64Array(n);
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rho: number[] = [];
  const alphaTmp = new Float64Array(HISTORY);
  const dir = new Float64Array(n);
  const wNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  let f = lossAndGrad(w, g);
  for (let it = 0; it < options.iterations; it++) {
    // Two-loop recursion: dir = −H·g.
    dir.set(g);
    for (let k = sHist.length - 1; k >= 0; k--) {
      const a = rho[k]! * dot(sHist[k]!, dir);
      alphaTmp[k] = a;
      axpy(-a, yHist[k]!, dir);
    }
    if (sHist.length > 0) {
      const last = sHist.length - 1;
      const gamma = dot(sHist[last]!, yHist[last]!) / dot(yHist[last]!, yHist[last]!);
      for (let j = 0; j < n; j++) dir[j]! *= gamma;
    } else {
      const gn = Math.sqrt(dot(g, g));
      for (let j = 0; j < n; j++) dir[j]! /= gn > 0 ? gn : 1;
    }
    for (let k = 0; k < sHist.length; k++) {
      const b = rho[k]! * dot(yHist[k]!, dir);
      axpy(alphaTmp[k]! - b, sHist[k]!, dir);
    }
    for (let j = 0; j < n; j++) dir[j] = -dir[j]!;
    const slope = dot(g, dir);
    if (slope >= 0) break;
    // Backtracking line search (Armijo).
    let step = 1;
    let fNew = f;
    for (let tries = 0; tries < 30; tries++) {
      for (let j = 0; j < n; j++) wNew[j] = w[j]! + step * dir[j]!;
      fNew = lossAndGrad(wNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < f)) break;
    const sVec = sHist.length === HISTORY ? sHist.shift()! : new Float64Array(n);
    const yVec = yHist.length === HISTORY ? yHist.shift()! : new Float64Array(n);
    if (rho.length === HISTORY) rho.shift();
    for (let j = 0; j < n; j++) {
      sVec[j] = wNew[j]! - w[j]!;
      yVec[j] = gNew[j]! - g[j]!;
    }
    const sy = dot(sVec, yVec);
    if (sy > 1e-12) {
      sHist.push(sVec);
      yHist.push(yVec);
      rho.push(1 / sy);
    }
    w.set(wNew);
    g.set(gNew);
    const improvement = (f - fNew) / Math.max(1, Math.abs(f));
    f = fNew;
    options.onIteration?.(it + 1, f);
    if (improvement < 1e-7) break;
  }
  const weights = new Float32Array(d);
  for (let j = 0; j < d; j++) weights[j] = values ? w[j]! * values[j]! : w[j]!;
  return { weights, bias: w[d]! };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!;
  return s;
}

function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let j = 0; j < x.length; j++) y[j]! += alpha * x[j]!;
}
