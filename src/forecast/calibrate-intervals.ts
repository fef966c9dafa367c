/**
 * Prediction intervals calibrated on backtests (split conformal, pooled across a batch): each series' model
 * gives a standard deviation per step ahead, and the quantiles of the backtest errors divided by it, pooled over
 * every series of the batch, replace the normal z. Retail errors are skewed and heavier-tailed than normal, so
 * normal intervals from in-sample errors cover too little; the empirical quantiles cover what they claim on the
 * backtest windows, one side at a time (the lower bound may sit closer to the mean than the upper one).
 */
import type { ForecastInterval, SeriesForecast } from './auto-forecast.js';

/** Fewest pooled errors at one step for a quantile of its own; below it, every step's errors are pooled. */
const MIN_PER_STEP = 100;
/** Fewest pooled errors for any calibration; below it the normal intervals stay. */
const MIN_POOLED = 30;

/** Signed quantiles of scaled errors at each step for one level: lower (negative side) and upper. */
export interface StepQuantiles {
  level: number;
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * The quantile at probability `p` of sorted values, taken conservatively (split conformal's rank
 * ⌈(n+1)p⌉ from the bottom for an upper bound, mirrored for a lower one).
 */
function conformalQuantile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (p >= 0.5) return sorted[Math.min(n - 1, Math.ceil((n + 1) * p) - 1)]!;
  return sorted[Math.max(0, Math.floor((n + 1) * p) - 1)]!;
}

/** Pools the scaled backtest errors of `forecasts` into per-step quantiles for each level; null when too few. */
export function pooledQuantiles(
  forecasts: readonly SeriesForecast[],
  h: number,
  levels: readonly number[],
): StepQuantiles[] | null {
  const perStep: number[][] = Array.from({ length: h }, () => []);
  for (const f of forecasts) {
    const errors = f.calibration?.scaledErrors;
    if (!errors) continue;
    for (let k = 0; k < Math.min(h, errors.length); k++) for (const e of errors[k]!) perStep[k]!.push(e);
  }
  const all = perStep.flat();
  if (all.length < MIN_POOLED) return null;
  const sortedAll = Float64Array.from(all).sort();
  const sortedSteps = perStep.map((e) => (e.length >= MIN_PER_STEP ? Float64Array.from(e).sort() : sortedAll));
  return levels.map((level) => {
    const tail = (1 - level / 100) / 2;
    return {
      level,
      lower: Float64Array.from(sortedSteps, (s) => Math.min(0, conformalQuantile(s, tail))),
      upper: Float64Array.from(sortedSteps, (s) => Math.max(0, conformalQuantile(s, 1 - tail))),
    };
  });
}

/**
 * Replaces, in place, the intervals of every forecast that carries a calibration with mean + quantile × sd per
 * step (bounds of non-negative series kept ≥ 0). Returns the quantiles used, or null when the batch had too few
 * backtest errors and the normal intervals were kept.
 */
export function calibrateIntervals(
  forecasts: SeriesForecast[],
  levels: readonly number[],
  nonNegative: (i: number) => boolean,
): StepQuantiles[] | null {
  const h = forecasts.reduce((a, f) => Math.max(a, f.mean.length), 0);
  const quantiles = h > 0 ? pooledQuantiles(forecasts, h, levels) : null;
  if (!quantiles) return null;
  forecasts.forEach((f, i) => {
    const sd = f.calibration?.sd;
    if (!sd) return;
    const floor = nonNegative(i) ? 0 : -Infinity;
    f.intervals = quantiles.map((q): ForecastInterval => {
      const lower = new Float64Array(f.mean.length);
      const upper = new Float64Array(f.mean.length);
      for (let k = 0; k < f.mean.length; k++) {
        lower[k] = Math.max(floor, f.mean[k]! + q.lower[k]! * sd[k]!);
        upper[k] = f.mean[k]! + q.upper[k]! * sd[k]!;
      }
      return { level: q.level, lower, upper };
    });
  });
  return quantiles;
}
