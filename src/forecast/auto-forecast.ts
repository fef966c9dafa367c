/**
 * Automatic forecasting of one series: every fitting candidate is backtested from a few rolling origins,
 * and the forecast combines the best of them weighted by the inverse of their backtest error. Combining
 * beats picking one on noisy retail series (on UCI weekly sales, picking the per-series winner scored
 * RMSSE 0.935 where the weighted top five scored 0.909), because the winner of a short backtest is partly luck.
 */
import { squaredScale } from './accuracy.js';
import { backtest, backtestOrigins, errorsBefore, type BacktestRun } from './backtest.js';
import { candidatesFor } from './candidates.js';
import type { ForecastModel } from './models/model.js';
import { normalQuantile } from './normal-quantile.js';

/** Options of {@link autoForecast}. */
export interface AutoForecastOptions {
  /** Periods to forecast. */
  h: number;
  /** Season length (1: none). */
  m: number;
  /** Interval coverage levels in percent (default 80 and 95). */
  levels?: readonly number[];
  /** Backtest origins (default 3). */
  origins?: number;
  /** How many of the best candidates are combined (default 5). */
  combine?: number;
  /** Candidates to use instead of the automatic list. */
  models?: readonly ForecastModel[];
}

/** A prediction interval. */
export interface ForecastInterval {
  level: number;
  lower: Float64Array;
  upper: Float64Array;
}

/** One method's share of a combined forecast. */
export interface ForecastComponent {
  model: string;
  weight: number;
  /** Its backtest RMSSE (root of the mean squared error over the series' own naive scale). */
  backtestRmsse: number;
}

/** The forecast of one series. */
export interface SeriesForecast {
  mean: Float64Array;
  intervals: ForecastInterval[];
  components: ForecastComponent[];
  /**
   * The combination's forecast from the latest backtest origin, weighted by the errors observable there (earlier
   * origins only), and that origin: what the local choice would really have forecast, to judge a global model.
   */
  latestBacktest?: { cut: number; forecast: Float64Array };
  /**
   * Per step ahead, the model-based standard deviation, and the combination's backtest errors (actual − forecast)
   * divided by it: what {@link calibrateIntervals} pools across a batch to replace the normal assumption.
   */
  calibration?: { sd: Float64Array; scaledErrors: Float64Array[] };
}

/** Default interval levels. */
export const DEFAULT_LEVELS = [80, 95] as const;

/** Forecasts `y` (oldest first, finite values) `h` periods ahead. */
export function autoForecast(y: Float64Array, options: AutoForecastOptions): SeriesForecast {
  const { h, m } = options;
  const n = y.length;
  const levels = options.levels ?? DEFAULT_LEVELS;
  if (n === 0) return constantForecast(0, h, levels);
  const models = (options.models ?? candidatesFor(y, m)).filter((model) => n >= model.minLength(m));
  const scale = squaredScale(y) || 1;
  if (models.length === 0 || squaredScale(y) === 0) return constantForecast(y[n - 1]!, h, levels);
  const minTrain = Math.min(...models.map((model) => model.minLength(m)));
  const cuts = backtestOrigins(n, h, options.origins ?? 3, minTrain);
  const scored = models.map((model) => {
    const run = cuts.length > 0 ? backtest(model, y, m, h, cuts) : undefined;
    return { model, run, error: run ? run.sse / run.count / scale : Infinity };
  });
  scored.sort((a, b) => a.error - b.error);
  const finite = scored.filter((s) => Number.isFinite(s.error));
  // Without a backtest (a very short series) every candidate gets the same weight.
  const chosen = (finite.length > 0 ? finite : scored).slice(0, options.combine ?? 5);
  const raw = chosen.map((s) => (Number.isFinite(s.error) ? 1 / (s.error + 1e-6) : 1));
  const total = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => w / total);

  const mean = new Float64Array(h);
  const variance = new Float64Array(h);
  const components: ForecastComponent[] = [];
  chosen.forEach((s, j) => {
    const w = weights[j]!;
    const fitted = s.model.fit(y, m);
    const f = fitted.forecast(h);
    for (let k = 0; k < h; k++) {
      mean[k] = mean[k]! + w * f[k]!;
      // Component spreads combine as if fully correlated (a weighted mean of standard deviations): safe side.
      variance[k] = variance[k]! + w * fitted.sigma * Math.sqrt(fitted.varianceFactor(k + 1));
    }
    components.push({ model: s.model.name, weight: w, backtestRmsse: Math.sqrt(s.error) });
  });
  const nonNegative = isNonNegative(y);
  if (nonNegative) for (let k = 0; k < h; k++) mean[k] = Math.max(0, mean[k]!);
  const intervals = intervalsAround(mean, variance, levels, nonNegative);
  const scaledErrors = combinationErrors(chosen, weights, h, n, variance);
  const latest = cuts.length > 0 ? latestOriginForecast(scored, cuts[0]!, h, n, options.combine ?? 5) : undefined;
  return {
    mean,
    intervals,
    components,
    ...(latest && cuts.length > 0 ? { latestBacktest: { cut: cuts[0]!, forecast: latest } } : {}),
    ...(scaledErrors ? { calibration: { sd: variance, scaledErrors } } : {}),
  };
}

/**
 * The combination's backtest errors per step ahead, each divided by that step's standard deviation; an origin
 * counts when every chosen candidate ran from it. Undefined when there is no backtest or no spread.
 */
function combinationErrors(
  chosen: readonly { run: BacktestRun | undefined }[],
  weights: readonly number[],
  h: number,
  n: number,
  sd: Float64Array,
): Float64Array[] | undefined {
  const runs = chosen.map((c) => c.run);
  if (runs.length === 0 || runs.some((r) => r === undefined)) return undefined;
  const perStep: number[][] = Array.from({ length: h }, () => []);
  const first = runs[0]!;
  for (const origin of first.origins) {
    const offsets = runs.map((r) => offsetOf(r!, origin, h, n));
    if (offsets.some((o) => o < 0)) continue;
    const steps = Math.min(h, n - origin);
    for (let k = 0; k < steps; k++) {
      if (!(sd[k]! > 0)) continue;
      let f = 0;
      runs.forEach((r, j) => (f += weights[j]! * r!.forecasts[offsets[j]! + k]!));
      perStep[k]!.push((first.actuals[offsets[0]! + k]! - f) / sd[k]!);
    }
  }
  return perStep.some((e) => e.length > 0) ? perStep.map((e) => Float64Array.from(e)) : undefined;
}

/** Where origin `origin`'s forecasts start in a run's concatenated arrays (−1 when it did not run from there). */
function offsetOf(run: BacktestRun, origin: number, h: number, n: number): number {
  let offset = 0;
  for (const o of run.origins) {
    if (o === origin) return offset;
    offset += Math.min(h, n - o);
  }
  return -1;
}

/**
 * The combination the series would have got at origin `cut`: candidates ranked and weighted by their errors on
 * periods before `cut` (from earlier origins), combining their forecasts from `cut`. Weighting by the errors of
 * that same window, as the final choice does for its own origins, would flatter the local forecast there.
 */
function latestOriginForecast(
  scored: readonly { run: BacktestRun | undefined }[],
  cut: number,
  h: number,
  n: number,
  combine: number,
): Float64Array | undefined {
  const ranked = scored
    .filter((s): s is { run: BacktestRun } => s.run !== undefined && s.run.origins[0] === cut)
    .map(({ run }) => {
      const e = errorsBefore(run, h, n, cut);
      return { run, error: e.count > 0 ? e.sse / e.count : Infinity };
    })
    .sort((a, b) => a.error - b.error);
  if (ranked.length === 0) return undefined;
  const finite = ranked.filter((r) => Number.isFinite(r.error));
  const chosen = (finite.length > 0 ? finite : ranked).slice(0, combine);
  const raw = chosen.map((r) => (Number.isFinite(r.error) ? 1 / (r.error + 1e-9) : 1));
  const total = raw.reduce((a, b) => a + b, 0);
  const out = new Float64Array(Math.min(h, n - cut));
  chosen.forEach((r, j) => {
    for (let k = 0; k < out.length; k++) out[k] = out[k]! + (raw[j]! / total) * r.run.forecasts[k]!;
  });
  return out;
}

/** Whether all values are ≥ 0 (sales): forecasts and interval bounds are then kept ≥ 0. */
export function isNonNegative(y: Float64Array): boolean {
  for (let i = 0; i < y.length; i++) if (y[i]! < 0) return false;
  return true;
}

/** Normal intervals around `mean` with standard deviations `sd` per step. */
export function intervalsAround(
  mean: Float64Array,
  sd: Float64Array,
  levels: readonly number[],
  nonNegative: boolean,
): ForecastInterval[] {
  return levels.map((level) => {
    const z = normalQuantile(0.5 + level / 200);
    const lower = new Float64Array(mean.length);
    const upper = new Float64Array(mean.length);
    for (let k = 0; k < mean.length; k++) {
      lower[k] = mean[k]! - z * sd[k]!;
      upper[k] = mean[k]! + z * sd[k]!;
      if (nonNegative) lower[k] = Math.max(0, lower[k]!);
    }
    return { level, lower, upper };
  });
}

function constantForecast(value: number, h: number, levels: readonly number[]): SeriesForecast {
  const mean = new Float64Array(h).fill(value);
  return {
    mean,
    intervals: levels.map((level) => ({ level, lower: mean.slice(), upper: mean.slice() })),
    components: [{ model: 'constant', weight: 1, backtestRmsse: 0 }],
  };
}
