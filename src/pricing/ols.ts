/** Ordinary least squares with standard errors, for the handful of columns a demand regression has. */
import { invertSpdInPlace } from '../math/spd-inverse.js';

/** Coefficients, their standard errors and the residual variance. */
export interface OlsFit {
  coef: Float64Array;
  se: Float64Array;
  sigma2: number;
  n: number;
}

/**
 * Fits y = X b (X row-major, n×d) by the normal equations; undefined when the columns are collinear
 * (a price that never changed) or there are no more rows than columns.
 */
export function ols(x: Float64Array, y: Float64Array, d: number, weights?: Float64Array): OlsFit | undefined {
  const n = y.length;
  if (n <= d) return undefined;
  const xtx = new Float64Array(d * d);
  const xty = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    for (let a = 0; a < d; a++) {
      const xa = x[i * d + a]! * w;
      xty[a] = xty[a]! + xa * y[i]!;
      for (let b = 0; b < d; b++) xtx[a * d + b] = xtx[a * d + b]! + xa * x[i * d + b]!;
    }
  }
  try {
    invertSpdInPlace(xtx, d);
  } catch {
    return undefined;
  }
  const coef = new Float64Array(d);
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) coef[a] = coef[a]! + xtx[a * d + b]! * xty[b]!;
  let rss = 0;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let a = 0; a < d; a++) f += x[i * d + a]! * coef[a]!;
    const w = weights ? weights[i]! : 1;
    rss += w * (y[i]! - f) ** 2;
    wsum += w;
  }
  // Weights count as frequencies scaled to n rows, so the variance is per row.
  const sigma2 = (rss / (n - d)) * (weights ? n / wsum : 1);
  const se = new Float64Array(d);
  for (let a = 0; a < d; a++) se[a] = Math.sqrt(Math.max(xtx[a * d + a]! * sigma2 * (weights ? wsum / n : 1), 0));
  if (!coef.every(Number.isFinite)) return undefined;
  return { coef, se, sigma2, n };
}
