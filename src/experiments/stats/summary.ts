/** Sufficient statistics of a metric per variant, and the per-unit mean and variance they give. */

/** Per-variant sums of a per-unit metric value x: count of units, Σx and Σx². */
export interface MeanSummary {
  n: number;
  sum: number;
  sumSquares: number;
}

/** A ratio metric Σx / Σy (e.g. revenue per order): numerator sums plus the denominator's and the cross term. */
export interface RatioSummary extends MeanSummary {
  denominatorSum: number;
  denominatorSumSquares: number;
  /** Σx·y over units. */
  sumProduct: number;
}

/** A metric with a pre-period covariate for CUPED: the covariate's sums and Σx·pre. */
export interface CovariateSummary extends MeanSummary {
  preSum: number;
  preSumSquares: number;
  /** Σx·pre over units. */
  sumProduct: number;
}

/** A variant's point estimate and the per-unit variance behind it (the estimate's variance is variance / n). */
export interface UnitEstimate {
  n: number;
  mean: number;
  variance: number;
}

/** Sample variance (n − 1 denominator) from sums; 0 for fewer than two units. */
export function sampleVariance(n: number, sum: number, sumSquares: number): number {
  if (n < 2) return 0;
  return Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1));
}

/** Sample covariance of x and y from sums. */
export function sampleCovariance(n: number, sumX: number, sumY: number, sumXY: number): number {
  if (n < 2) return 0;
  return (sumXY - (sumX * sumY) / n) / (n - 1);
}

/** The mean of a per-unit metric and its sample variance. */
export function meanEstimate(s: MeanSummary): UnitEstimate {
  return { n: s.n, mean: s.n > 0 ? s.sum / s.n : 0, variance: sampleVariance(s.n, s.sum, s.sumSquares) };
}

/**
 * A ratio metric's estimate Σx/Σy; its variance by the delta method, expressed per unit so the same tests apply:
 * Var(x̄/ȳ)·n ≈ (σx² − 2r·σxy + r²·σy²) / ȳ².
 */
export function ratioEstimate(s: RatioSummary): UnitEstimate {
  if (s.n === 0 || s.denominatorSum === 0) return { n: s.n, mean: 0, variance: 0 };
  const r = s.sum / s.denominatorSum;
  const meanY = s.denominatorSum / s.n;
  const vx = sampleVariance(s.n, s.sum, s.sumSquares);
  const vy = sampleVariance(s.n, s.denominatorSum, s.denominatorSumSquares);
  const cxy = sampleCovariance(s.n, s.sum, s.denominatorSum, s.sumProduct);
  return { n: s.n, mean: r, variance: Math.max(0, (vx - 2 * r * cxy + r * r * vy) / (meanY * meanY)) };
}
