/**
 * The distribution functions the statistics need, from the Cephes library (compiled to WebAssembly by the
 * `cephes` package). Student's t is evaluated through the regularised incomplete beta function so that the
 * Welch–Satterthwaite degrees of freedom need not be whole numbers.
 */
import cephes from 'cephes';

// The WebAssembly module compiles asynchronously once; every function below is synchronous after it.
await cephes.compiled;

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return cephes.ndtr(x);
}

/** Standard normal quantile Φ⁻¹(p). */
export function normalQuantile(p: number): number {
  return cephes.ndtri(p);
}

/** Two-sided tail probability of Student's t with `df` (real, > 0) degrees of freedom: P(|T| ≥ |t|). */
export function studentTTwoSided(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  if (!(df > 0) || !Number.isFinite(df)) return 2 * normalCdf(-Math.abs(t));
  return cephes.incbet(df / 2, 0.5, df / (df + t * t));
}

/** Quantile of Student's t with `df` (real, > 0) degrees of freedom, for p in (0, 1). */
export function studentTQuantile(p: number, df: number): number {
  if (!(df > 0) || !Number.isFinite(df)) return normalQuantile(p);
  if (p === 0.5) return 0;
  // The two-sided tail 2·min(p, 1 − p) = I_x(df/2, 1/2) with x = df / (df + t²).
  const tail = 2 * Math.min(p, 1 - p);
  const x = cephes.incbi(df / 2, 0.5, tail);
  const t = Math.sqrt((df * (1 - x)) / x);
  return p < 0.5 ? -t : t;
}

/** Upper tail of the chi-square distribution with `df` degrees of freedom: P(X ≥ x). */
export function chiSquareSurvival(x: number, df: number): number {
  if (x <= 0) return 1;
  return cephes.chdtrc(df, x);
}
