/**
 * Fixed-horizon frequentist comparison of a treatment with the control: Welch's t-test for the absolute
 * difference and the delta method for the relative uplift, both with Welch–Satterthwaite degrees of freedom
 * (GrowthBook's frequentist engine makes the same choices, so its published cases serve as golden tests).
 */
import { studentTQuantile, studentTTwoSided } from './special-functions.js';
import type { UnitEstimate } from './summary.js';

/** An effect estimate with a two-sided interval and p-value. */
export interface Effect {
  estimate: number;
  ci: [number, number];
  pValue: number;
  /** Standard error of the estimate. */
  se: number;
}

/** Absolute and relative effects of one treatment against the control. */
export interface Comparison {
  absolute: Effect;
  relative: Effect;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
}

/** Welch–Satterthwaite degrees of freedom for two independent means. */
export function welchDf(a: UnitEstimate, b: UnitEstimate): number {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const denominator = (va * va) / (a.n - 1) + (vb * vb) / (b.n - 1);
  return denominator > 0 ? ((va + vb) * (va + vb)) / denominator : Math.max(1, a.n + b.n - 2);
}

/** A two-sided t-interval and p-value for an estimate with standard error `se`. */
export function tEffect(estimate: number, se: number, df: number, alpha: number): Effect {
  if (!(se > 0)) {
    return { estimate, ci: [estimate, estimate], pValue: estimate === 0 ? 1 : 0, se: 0 };
  }
  const q = studentTQuantile(1 - alpha / 2, df);
  return { estimate, ci: [estimate - q * se, estimate + q * se], pValue: studentTTwoSided(estimate / se, df), se };
}

/** Variance of the relative uplift m_b / m_a − 1 by the delta method. */
export function relativeVariance(a: UnitEstimate, b: UnitEstimate): number {
  const ma2 = a.mean * a.mean;
  return b.variance / (b.n * ma2) + (b.mean * b.mean * a.variance) / (a.n * ma2 * ma2);
}

/** Compares treatment `b` with control `a` at level `alpha` (0.05 gives 95% intervals). */
export function compareMeans(a: UnitEstimate, b: UnitEstimate, alpha = 0.05): Comparison {
  const df = welchDf(a, b);
  const absolute = tEffect(b.mean - a.mean, Math.sqrt(a.variance / a.n + b.variance / b.n), df, alpha);
  const relative =
    a.mean === 0
      ? { estimate: 0, ci: [0, 0] as [number, number], pValue: 1, se: 0 }
      : tEffect(b.mean / a.mean - 1, Math.sqrt(relativeVariance(a, b)), df, alpha);
  return { absolute, relative, df };
}
