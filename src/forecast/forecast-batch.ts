/**
 * Forecasts a batch of series of one frequency: each series gets its own backtested combination
 * ({@link autoForecast}); then two global models pooled across the batch (a ridge regression and boosted trees)
 * are judged on the batch's latest backtest window, and the equal blend of the local combinations with either or
 * both that scores best there (or the local combinations alone) is what every forecast gets.
 */
import { squaredScale } from './accuracy.js';
import {
  autoForecast,
  DEFAULT_LEVELS,
  isNonNegative,
  type AutoForecastOptions,
  type SeriesForecast,
} from './auto-forecast.js';
import { calibrateIntervals } from './calibrate-intervals.js';
import { boostedGlobalForecast, fitBoostedGlobalModel } from './boosted-global-model.js';
import { fitGlobalModel, globalForecast } from './global-model.js';

/** Options of {@link forecastBatch}. */
export interface BatchForecastOptions extends AutoForecastOptions {
  /** Whether to try the pooled global model (default true; it needs a few dozen series). */
  global?: boolean;
  /** Whether intervals are calibrated on the batch's pooled backtest errors (default true). */
  calibrate?: boolean;
  /** Called after each series with how many are done. */
  onProgress?: (done: number, total: number) => void;
}

/** Which pooled models join the local combinations: none, the ridge, the boosted trees, or both. */
export type GlobalBlend = 'local' | 'ridge' | 'boosted' | 'both';

/** What the batch learned about the pooled models. */
export interface GlobalVerdict {
  /** Whether a pooled model joined the forecasts. */
  used: boolean;
  /** The blend chosen: the one with the lowest mean RMSSE on the latest backtest window. */
  blend: GlobalBlend;
  /**
   * Mean backtest RMSSE on the latest window of the local combinations, of the ridge model alone, of the boosted
   * trees alone (NaN when they could not be fitted), and of the chosen blend.
   */
  localRmsse: number;
  globalRmsse: number;
  boostedRmsse: number;
  blendRmsse: number;
}

/** Forecasts of a batch and whether the global model joined them. */
export interface BatchForecast {
  forecasts: SeriesForecast[];
  global: GlobalVerdict | null;
  /** Whether the intervals come from pooled backtest errors (else normal intervals from in-sample errors). */
  calibrated: boolean;
}

/** Series needed before a pooled model is worth fitting. */
export const GLOBAL_MIN_SERIES = 30;

/** Forecasts every series of `batch` (same frequency, each oldest first). */
export function forecastBatch(batch: readonly Float64Array[], options: BatchForecastOptions): BatchForecast {
  return withGlobalModel(batch, localForecasts(batch, options), options);
}

/** The per-series combinations alone (what worker threads compute, each for a slice of a batch). */
export function localForecasts(batch: readonly Float64Array[], options: BatchForecastOptions): SeriesForecast[] {
  const forecasts: SeriesForecast[] = [];
  for (let i = 0; i < batch.length; i++) {
    forecasts.push(autoForecast(batch[i]!, options));
    options.onProgress?.(i + 1, batch.length);
  }
  return forecasts;
}

/**
 * Judges the pooled model on the batch and blends it into the local forecasts (in place) when it wins, then
 * calibrates every interval on the batch's pooled backtest errors.
 */
export function withGlobalModel(
  batch: readonly Float64Array[],
  forecasts: SeriesForecast[],
  options: BatchForecastOptions,
): BatchForecast {
  const global = blendWhenBetter(batch, forecasts, options);
  const calibrated =
    options.calibrate !== false &&
    calibrateIntervals(forecasts, options.levels ?? DEFAULT_LEVELS, (i) => isNonNegative(batch[i]!)) !== null;
  return { forecasts, global, calibrated };
}

function blendWhenBetter(
  batch: readonly Float64Array[],
  forecasts: SeriesForecast[],
  options: BatchForecastOptions,
): GlobalVerdict | null {
  if (options.global === false || batch.length < GLOBAL_MIN_SERIES) return null;
  const verdict = judgeGlobal(batch, forecasts, options.h, options.m);
  if (!verdict?.used) return verdict;
  const useRidge = verdict.blend === 'ridge' || verdict.blend === 'both';
  const useBoosted = verdict.blend === 'boosted' || verdict.blend === 'both';
  const ridge = useRidge ? fitGlobalModel(batch, options.h) : undefined;
  const boosted = useBoosted ? fitBoostedGlobalModel(batch, options.h, options.m) : undefined;
  if ((useRidge && !ridge) || (useBoosted && !boosted)) return { ...verdict, used: false, blend: 'local' };
  batch.forEach((y, i) => {
    const nonNegative = isNonNegative(y);
    const pooled: { name: string; forecast: Float64Array }[] = [];
    if (ridge) pooled.push({ name: 'global', forecast: globalForecast(ridge, y, options.h, nonNegative) });
    if (boosted)
      pooled.push({ name: 'global-boosted', forecast: boostedGlobalForecast(boosted, y, options.h, nonNegative) });
    blendGlobal(forecasts[i]!, pooled);
  });
  return verdict;
}

/**
 * Fits the pooled models on every series cut at its latest backtest origin and compares the local combinations
 * there with their equal blends with either pooled model or both (mean RMSSE over series); the lowest wins. The
 * local forecasts there are weighted from earlier origins only, so no side has seen the window. Null when there
 * is nothing to compare.
 */
function judgeGlobal(
  batch: readonly Float64Array[],
  forecasts: SeriesForecast[],
  h: number,
  m: number,
): GlobalVerdict | null {
  const cutSeries: Float64Array[] = [];
  batch.forEach((y, i) => {
    const latest = forecasts[i]!.latestBacktest;
    if (latest) cutSeries.push(y.subarray(0, latest.cut));
  });
  const ridge = fitGlobalModel(cutSeries, h);
  if (!ridge) return null;
  const boosted = fitBoostedGlobalModel(cutSeries, h, m);
  // Sums of per-series RMSSE: local, ridge, boosted, local+ridge, local+boosted, all three.
  const sums = new Float64Array(6);
  let count = 0;
  batch.forEach((y, i) => {
    const latest = forecasts[i]!.latestBacktest;
    if (!latest) return;
    const train = y.subarray(0, latest.cut);
    const scale = squaredScale(train);
    if (!(scale > 0)) return;
    const nonNegative = isNonNegative(train);
    const r = globalForecast(ridge, train, h, nonNegative);
    const g = boosted ? boostedGlobalForecast(boosted, train, h, nonNegative) : r;
    const sse = new Float64Array(6);
    const steps = latest.forecast.length;
    for (let k = 0; k < steps; k++) {
      const actual = y[latest.cut + k]!;
      const l = latest.forecast[k]!;
      const candidates = [l, r[k]!, g[k]!, (l + r[k]!) / 2, (l + g[k]!) / 2, (l + r[k]! + g[k]!) / 3];
      candidates.forEach((f, c) => (sse[c] = sse[c]! + (actual - f) ** 2));
    }
    for (let c = 0; c < 6; c++) sums[c] = sums[c]! + Math.sqrt(sse[c]! / steps / scale);
    count++;
  });
  if (count === 0) return null;
  const mean = Array.from(sums, (s) => s / count);
  const blends: [GlobalBlend, number][] = [
    ['local', mean[0]!],
    ['ridge', mean[3]!],
    ...(boosted
      ? ([
          ['boosted', mean[4]!],
          ['both', mean[5]!],
        ] as [GlobalBlend, number][])
      : []),
  ];
  const [blend, blendRmsse] = blends.reduce((best, b) => (b[1] < best[1] ? b : best));
  return {
    used: blend !== 'local',
    blend,
    localRmsse: mean[0]!,
    globalRmsse: mean[1]!,
    boostedRmsse: boosted ? mean[2]! : NaN,
    blendRmsse,
  };
}

/** Averages the pooled forecasts into a local one (equal shares), keeping the interval widths. */
function blendGlobal(forecast: SeriesForecast, pooled: readonly { name: string; forecast: Float64Array }[]): void {
  const share = 1 / (pooled.length + 1);
  for (let k = 0; k < forecast.mean.length; k++) {
    let blended = share * forecast.mean[k]!;
    for (const p of pooled) blended += share * p.forecast[k]!;
    const shift = blended - forecast.mean[k]!;
    forecast.mean[k] = blended;
    for (const interval of forecast.intervals) {
      interval.lower[k] = Math.max(interval.lower[k]! + shift, Math.min(interval.lower[k]!, 0) === 0 ? 0 : -Infinity);
      interval.upper[k] = interval.upper[k]! + shift;
    }
  }
  for (const c of forecast.components) c.weight *= share;
  for (const p of pooled) forecast.components.push({ model: p.name, weight: share, backtestRmsse: NaN });
}
