/**
 * A global model pooled across series: one ridge regression per step ahead, on the means of recent windows
 * of each series divided by its own level, fitted on every rolling origin of every series at once. Single
 * noisy series teach a local method little; pooled, thousands of origins learn how far to trust the recent
 * past against the long run (it plays the part LightGBM played in M5, at a fraction of the cost).
 */
import { squaredScale } from './accuracy.js';
import { totalFeatures, totalOf, TOTAL_DIM } from './batch-total.js';

/** Window lengths of the features (0 = the whole history). */
const WINDOWS = [1, 2, 4, 8, 13, 26, 0];
/** Periods over which the share of zeros and the slope are measured. */
const RECENT = 13;
/** Intercept, window means, share of zeros, recent slope, and where the batch's total stands. */
const DIM = WINDOWS.length + 3 + TOTAL_DIM;
const RIDGE = 0.1;
/**
 * Half-life, in periods before the end of the data, of an origin's weight: demand drifts, so recent origins
 * say more about the next periods than those of two years ago (M5's winners trained on the latest years).
 */
export const GLOBAL_HALF_LIFE = 16;

/** The fitted pooled model: weights per step ahead. */
export interface GlobalModel {
  h: number;
  /** `h` rows of {@link DIM} weights (intercept first). */
  weights: Float64Array;
  /** The batch's total per period, series aligned at their ends (what the total's features read). */
  total: Float64Array;
}

/** Mean absolute value: what every series is divided by so that series of any size pool together. */
function levelOf(y: Float64Array, t: number): number {
  let s = 0;
  for (let i = 0; i < t; i++) s += Math.abs(y[i]!);
  return s / Math.max(t, 1);
}

/**
 * Features of `y` before `t` (window means and slope divided by `level`, and the batch `total`'s shape at `t`),
 * into `out`.
 */
function features(y: Float64Array, t: number, level: number, total: Float64Array, out: Float64Array): void {
  out[0] = 1;
  for (let w = 0; w < WINDOWS.length; w++) {
    const k = WINDOWS[w] === 0 ? t : Math.min(WINDOWS[w]!, t);
    let s = 0;
    for (let i = t - k; i < t; i++) s += y[i]!;
    out[w + 1] = s / k / level;
  }
  // Intermittent series revert to their mean differently from smooth ones; a recent slope carries drift.
  const recent = recentShape(y, t, Math.min(RECENT, t), level);
  out[WINDOWS.length + 1] = recent.zeros;
  out[WINDOWS.length + 2] = recent.slope;
  // A store-wide fall or recovery moves every series at once: the trees learnt from it, and so can the ridge.
  totalFeatures(total, y.length, t, out, WINDOWS.length + 3);
}

/** Share of zeros, least-squares slope and standard deviation of y[t−k..t) divided by `level`. */
export function recentShape(
  y: Float64Array,
  t: number,
  k: number,
  level: number,
): { zeros: number; slope: number; spread: number } {
  let zeros = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < k; i++) {
    const v = y[t - k + i]! / level;
    if (v === 0) zeros++;
    sx += i;
    sy += v;
    sxx += i * i;
    sxy += i * v;
    syy += v * v;
  }
  return {
    zeros: zeros / k,
    slope: k > 2 ? (k * sxy - sx * sy) / (k * sxx - sx * sx) : 0,
    spread: Math.sqrt(Math.max(0, syy / k - (sy / k) ** 2)),
  };
}

/** Solves the small symmetric system A x = b in place (Gaussian elimination with partial pivoting). */
function solve(a: Float64Array, b: Float64Array, d: number): Float64Array {
  for (let i = 0; i < d; i++) {
    let p = i;
    for (let r = i + 1; r < d; r++) if (Math.abs(a[r * d + i]!) > Math.abs(a[p * d + i]!)) p = r;
    if (p !== i) {
      for (let c = 0; c < d; c++) [a[i * d + c], a[p * d + c]] = [a[p * d + c]!, a[i * d + c]!];
      [b[i], b[p]] = [b[p]!, b[i]!];
    }
    const pivot = a[i * d + i]! || 1e-12;
    for (let r = 0; r < d; r++) {
      if (r === i) continue;
      const f = a[r * d + i]! / pivot;
      if (f === 0) continue;
      for (let c = i; c < d; c++) a[r * d + c] = a[r * d + c]! - f * a[i * d + c]!;
      b[r] = b[r]! - f * b[i]!;
    }
  }
  const x = new Float64Array(d);
  for (let i = 0; i < d; i++) x[i] = b[i]! / (a[i * d + i]! || 1e-12);
  return x;
}

/**
 * Fits the pooled model on the given series (each only up to its own end) for `h` steps; origins start
 * after `minTrain` points and weigh less the older they are (`halfLife` periods). Each series weighs by its level over its RMSSE scale, so the loss is RMSSE's.
 * Returns undefined when too few origins exist to learn from.
 */
export function fitGlobalModel(
  series: readonly Float64Array[],
  h: number,
  minTrain = 12,
  halfLife = GLOBAL_HALF_LIFE,
): GlobalModel | undefined {
  const decay = Math.pow(0.5, 1 / halfLife);
  const xtx = Array.from({ length: h }, () => new Float64Array(DIM * DIM));
  const xty = Array.from({ length: h }, () => new Float64Array(DIM));
  const x = new Float64Array(DIM);
  const total = totalOf(series);
  // decay^age, looked up rather than recomputed for every row (the same numbers).
  let longest = 0;
  for (const y of series) longest = Math.max(longest, y.length);
  const decayed = Float64Array.from({ length: longest }, (_, age) => Math.pow(decay, age));
  let samples = 0;
  for (const y of series) {
    const n = y.length;
    const level = levelOf(y, n);
    const scale = squaredScale(y);
    if (!(level > 0) || !(scale > 0)) continue;
    const weight = (level * level) / scale;
    for (let t = minTrain; t < n; t++) {
      features(y, t, level, total, x);
      for (let k = 0; k < h && t + k < n; k++) {
        const target = y[t + k]! / level;
        const A = xtx[k]!;
        const B = xty[k]!;
        const w = weight * decayed[n - 1 - (t + k)]!;
        for (let a = 0; a < DIM; a++) {
          const wa = w * x[a]!;
          B[a] = B[a]! + wa * target;
          const row = a * DIM;
          // Only the upper triangle: the matrix is symmetric, and this loop is the fit's whole cost.
          for (let b = a; b < DIM; b++) A[row + b] = A[row + b]! + wa * x[b]!;
        }
        samples++;
      }
    }
  }
  if (samples < 50 * DIM * h) return undefined;
  const weights = new Float64Array(h * DIM);
  for (let k = 0; k < h; k++) {
    const A = xtx[k]!;
    for (let a = 1; a < DIM; a++) for (let b = 0; b < a; b++) A[a * DIM + b] = A[b * DIM + a]!;
    let trace = 0;
    for (let a = 1; a < DIM; a++) trace += A[a * DIM + a]!;
    // Ridge scaled to the data so that the penalty means the same for any number of series.
    for (let a = 1; a < DIM; a++) A[a * DIM + a] = A[a * DIM + a]! + (RIDGE * trace) / (DIM - 1) / 100;
    weights.set(solve(A, xty[k]!, DIM), k * DIM);
  }
  return { h, weights, total };
}

/** The pooled model's forecast for one series (non-negative series stay non-negative). */
export function globalForecast(model: GlobalModel, y: Float64Array, h: number, nonNegative: boolean): Float64Array {
  const n = y.length;
  const level = levelOf(y, n);
  const out = new Float64Array(h);
  if (!(level > 0)) return out;
  const x = new Float64Array(DIM);
  features(y, n, level, model.total, x);
  for (let k = 0; k < h; k++) {
    const row = Math.min(k, model.h - 1) * DIM;
    let f = 0;
    for (let a = 0; a < DIM; a++) f += x[a]! * model.weights[row + a]!;
    out[k] = nonNegative ? Math.max(0, f * level) : f * level;
  }
  return out;
}
