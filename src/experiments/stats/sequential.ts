/**
 * Always-valid inference (a normal-mixture confidence sequence, Howard et al. 2021, as GrowthBook uses): the
 * interval is wider than the fixed-horizon one, and stays valid however often the results are looked at, so a
 * daily look does not inflate the false-positive rate. `tuning` is the sample size the boundary is tightest at.
 */

/** GrowthBook's default tuning parameter (expected total sample size). */
export const DEFAULT_SEQUENTIAL_TUNING = 5000;

/** Half-width of the always-valid interval for an estimate with standard error `se` after `nTotal` units. */
export function sequentialHalfWidth(
  se: number,
  nTotal: number,
  alpha: number,
  tuning = DEFAULT_SEQUENTIAL_TUNING,
): number {
  if (!(se > 0) || nTotal <= 0) return 0;
  const logA = -2 * Math.log(alpha);
  const rho2 = (logA + Math.log(logA + 1)) / tuning;
  const nRho2 = nTotal * rho2;
  // se² · N is the per-unit variance the boundary is stated in.
  const s2 = se * se * nTotal;
  return (
    Math.sqrt(s2) * Math.sqrt(((2 * (nRho2 + 1)) / (nTotal * nTotal * rho2)) * Math.log(Math.sqrt(nRho2 + 1) / alpha))
  );
}

/** The always-valid interval and p-value (the smallest alpha whose interval excludes 0). */
export function sequentialEffect(
  estimate: number,
  se: number,
  nTotal: number,
  alpha: number,
  tuning = DEFAULT_SEQUENTIAL_TUNING,
): { ci: [number, number]; pValue: number } {
  const half = sequentialHalfWidth(se, nTotal, alpha, tuning);
  return { ci: [estimate - half, estimate + half], pValue: sequentialPValue(estimate, se, nTotal, tuning) };
}

/** The smallest alpha at which the always-valid interval excludes zero (1 when none does). */
export function sequentialPValue(
  estimate: number,
  se: number,
  nTotal: number,
  tuning = DEFAULT_SEQUENTIAL_TUNING,
): number {
  if (!(se > 0)) return estimate === 0 ? 1 : 0;
  const target = Math.abs(estimate);
  if (sequentialHalfWidth(se, nTotal, 1, tuning) >= target) return 1;
  // The half-width falls as alpha grows: bisect on log alpha.
  let lo = Math.log(1e-300);
  let hi = 0;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (sequentialHalfWidth(se, nTotal, Math.exp(mid), tuning) > target) lo = mid;
    else hi = mid;
  }
  return Math.exp(hi);
}
