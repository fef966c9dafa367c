/**
 * Forecasts a batch of series of one frequency: each series gets its own backtested combination
 * ({@link autoForecast}); then a global model pooled across the batch is fitted and, when it beats the local
 * combinations on the batch's latest backtest window, it joins every forecast with half the weight.
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

/** What the batch learned about the pooled model. */
export interface GlobalVerdict {
  used: boolean;
  /**
   * Mean backtest RMSSE on the latest window of the local combinations, of the global model alone, and of the
   * half-and-half blend that is what gets used (when it beats the local combinations).
   */
  localRmsse: number;
  globalRmsse: number;
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
  const verdict = judgeGlobal(batch, forecasts, options.h);
  if (!verdict?.used) return verdict;
  const model = fitGlobalModel(batch, options.h);
  if (!model) return { ...verdict, used: false };
  batch.forEach((y, i) => blendGlobal(forecasts[i]!, globalForecast(model, y, options.h, isNonNegative(y))));
  return verdict;
}

/**
 * Fits the pooled model on every series cut at its latest backtest origin and compares the blend of it with
 * the local combinations against those alone there (mean RMSSE over series). The local forecasts there are
 * weighted from earlier origins only, so neither side has seen the window. Null when there is nothing to compare.
 */
function judgeGlobal(batch: readonly Float64Array[], forecasts: SeriesForecast[], h: number): GlobalVerdict | null {
  const cutSeries: Float64Array[] = [];
  const cuts: number[] = [];
  batch.forEach((y, i) => {
    const latest = forecasts[i]!.latestBacktest;
    cuts.push(latest ? latest.cut : -1);
    if (latest) cutSeries.push(y.subarray(0, latest.cut));
  });
  const model = fitGlobalModel(cutSeries, h);
  if (!model) return null;
  let local = 0;
  let global = 0;
  let blend = 0;
  let count = 0;
  batch.forEach((y, i) => {
    const latest = forecasts[i]!.latestBacktest;
    if (!latest) return;
    const train = y.subarray(0, latest.cut);
    const scale = squaredScale(train);
    if (!(scale > 0)) return;
    const g = globalForecast(model, train, h, isNonNegative(train));
    let l2 = 0;
    let g2 = 0;
    let b2 = 0;
    const steps = latest.forecast.length;
    for (let k = 0; k < steps; k++) {
      const actual = y[latest.cut + k]!;
      l2 += (actual - latest.forecast[k]!) ** 2;
      g2 += (actual - g[k]!) ** 2;
      b2 += (actual - (latest.forecast[k]! + g[k]!) / 2) ** 2;
    }
    local += Math.sqrt(l2 / steps / scale);
    global += Math.sqrt(g2 / steps / scale);
    blend += Math.sqrt(b2 / steps / scale);
    count++;
  });
  if (count === 0) return null;
  return { used: blend < local, localRmsse: local / count, globalRmsse: global / count, blendRmsse: blend / count };
}

/** Averages the pooled forecast into a local one (equal halves), keeping the interval widths. */
function blendGlobal(forecast: SeriesForecast, g: Float64Array): void {
  for (let k = 0; k < forecast.mean.length; k++) {
    const shift = (g[k]! - forecast.mean[k]!) / 2;
    forecast.mean[k] = forecast.mean[k]! + shift;
    for (const interval of forecast.intervals) {
      interval.lower[k] = Math.max(interval.lower[k]! + shift, Math.min(interval.lower[k]!, 0) === 0 ? 0 : -Infinity);
      interval.upper[k] = interval.upper[k]! + shift;
    }
  }
  for (const c of forecast.components) c.weight /= 2;
  forecast.components.push({ model: 'global', weight: 0.5, backtestRmsse: NaN });
}
