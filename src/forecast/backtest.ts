/**
 * Rolling-origin backtest: each method is fitted on the series cut at a few earlier origins and scored on
 * the periods that followed, which is how a method is chosen (or weighted) without looking at the future.
 */
import type { ForecastModel } from './models/model.js';

/** Backtest forecasts of one method on one series: per origin, the forecast and the actuals it faced. */
export interface BacktestRun {
  /** Sum of squared errors over all origins and steps. */
  sse: number;
  /** How many errors went into `sse`. */
  count: number;
  /** Squared errors per step ahead (index 0 = one step), summed over origins. */
  stepSse: Float64Array;
  /** Forecasts concatenated over origins (each `h` long, cut at the series end). */
  forecasts: Float64Array;
  /** The actual values facing `forecasts`. */
  actuals: Float64Array;
  /** The origins that were run, in the order their forecasts appear (an origin too early for the method is skipped). */
  origins: number[];
}

/** Origins for a series of length n: the last `origins` cut points `step` apart, each leaving `minTrain`. */
export function backtestOrigins(n: number, h: number, origins: number, minTrain: number): number[] {
  const step = Math.max(1, Math.ceil(h / 2));
  const out: number[] = [];
  for (let i = 0; i < origins; i++) {
    const cut = n - Math.min(h, n - 1) - i * step;
    if (cut >= minTrain) out.push(cut);
  }
  return out;
}

/** Runs `model` from each origin in `cuts` and collects its errors; undefined when a fit fails. */
export function backtest(
  model: ForecastModel,
  y: Float64Array,
  m: number,
  h: number,
  cuts: readonly number[],
): BacktestRun | undefined {
  const stepSse = new Float64Array(h);
  const forecasts: number[] = [];
  const actuals: number[] = [];
  const origins: number[] = [];
  let sse = 0;
  let count = 0;
  for (const cut of cuts) {
    if (cut < model.minLength(m)) continue;
    origins.push(cut);
    const f = model.fit(y.subarray(0, cut), m).forecast(h);
    const steps = Math.min(h, y.length - cut);
    for (let k = 0; k < steps; k++) {
      const e = y[cut + k]! - f[k]!;
      if (!Number.isFinite(e)) return undefined;
      sse += e * e;
      stepSse[k] = stepSse[k]! + e * e;
      forecasts.push(f[k]!);
      actuals.push(y[cut + k]!);
      count++;
    }
  }
  if (count === 0) return undefined;
  return {
    sse,
    count,
    stepSse,
    forecasts: Float64Array.from(forecasts),
    actuals: Float64Array.from(actuals),
    origins,
  };
}

/**
 * Squared errors of a run that were already observable at `cut`: those of earlier origins on periods before
 * `cut`. Weights chosen from them judge a combination's forecast from `cut` without looking past it.
 */
export function errorsBefore(run: BacktestRun, h: number, n: number, cut: number): { sse: number; count: number } {
  let offset = 0;
  let sse = 0;
  let count = 0;
  for (const origin of run.origins) {
    const steps = Math.min(h, n - origin);
    if (origin < cut)
      for (let k = 0; k < steps && origin + k < cut; k++) {
        sse += (run.actuals[offset + k]! - run.forecasts[offset + k]!) ** 2;
        count++;
      }
    offset += steps;
  }
  return { sse, count };
}
