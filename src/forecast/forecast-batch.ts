/**
 * Forecasts a batch of series of one frequency: each series gets its own backtested combination
 * ({@link autoForecast}); then three global models pooled across the batch (a ridge regression, boosted trees and a
 * small neural network) are judged on the batch's latest backtest window: the equal blends of the local
 * combinations with every set of them are scored there, and every forecast gets the blends' mix weighted by those
 * scores ({@link blendShares}).
 */
import { squaredScale } from './accuracy.js';
import {
  autoForecast,
  DEFAULT_LEVELS,
  isNonNegative,
  type AutoForecastOptions,
  type SeriesForecast,
} from './auto-forecast.js';
import { blendShares } from './blend-judge.js';
import { calibrateIntervals } from './calibrate-intervals.js';
import {
  BOOSTED,
  fitPooledHere,
  NEURAL,
  RIDGE,
  type PooledFitter,
  type PooledJob,
  type PooledKey,
  type PooledKind,
} from './pooled-kinds.js';

/** Options of {@link forecastBatch}. */
export interface BatchForecastOptions extends AutoForecastOptions {
  /** Whether to try the pooled global model (default true; it needs a few dozen series). */
  global?: boolean;
  /** Whether intervals are calibrated on the batch's pooled backtest errors (default true). */
  calibrate?: boolean;
  /** Called after each series with how many are done. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Which pooled models join the local combinations: none, the ridge, the boosted trees, both of those, the neural
 * network, or the network with the ridge, with the trees, or with both (`all`).
 */
export type GlobalBlend = 'local' | 'ridge' | 'boosted' | 'both' | 'neural' | 'ridge+neural' | 'boosted+neural' | 'all';

/** What the batch learned about the pooled models. */
export interface GlobalVerdict {
  /** Whether a pooled model joined the forecasts. */
  used: boolean;
  /** The best blend: the one with the lowest mean RMSSE on the latest backtest window (it weighs the most). */
  blend: GlobalBlend;
  /** Each component's share of every forecast, from the blends' scores (pooled models left out have none). */
  shares: Record<'local' | PooledKey, number>;
  /**
   * Mean backtest RMSSE on the latest window of the local combinations, of the ridge model alone, of the boosted
   * trees alone (NaN when they could not be fitted), and of the best blend.
   */
  localRmsse: number;
  globalRmsse: number;
  boostedRmsse: number;
  /** Mean backtest RMSSE of the pooled network alone (NaN when it could not be fitted). */
  neuralRmsse: number;
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
 * calibrates every interval on the batch's pooled backtest errors. The pooled models are fitted here, in turn.
 */
export function withGlobalModel(
  batch: readonly Float64Array[],
  forecasts: SeriesForecast[],
  options: BatchForecastOptions,
): BatchForecast {
  const steps = blendWhenBetter(batch, forecasts, options);
  let step = steps.next();
  while (!step.done) step = steps.next(fitPooledHere(step.value));
  return calibrated(batch, forecasts, options, step.value);
}

/**
 * {@link withGlobalModel} with the pooled models fitted by `fit` (on worker threads, side by side): the same
 * forecasts, since each fit is seeded and reads only its series.
 */
export async function withGlobalModelFittedBy(
  batch: readonly Float64Array[],
  forecasts: SeriesForecast[],
  options: BatchForecastOptions,
  fit: PooledFitter,
): Promise<BatchForecast> {
  const steps = blendWhenBetter(batch, forecasts, options);
  let step = steps.next();
  while (!step.done) step = steps.next(await fit(step.value));
  return calibrated(batch, forecasts, options, step.value);
}

/** The batch's forecasts with every interval calibrated on its pooled backtest errors (unless asked not to). */
function calibrated(
  batch: readonly Float64Array[],
  forecasts: SeriesForecast[],
  options: BatchForecastOptions,
  global: GlobalVerdict | null,
): BatchForecast {
  const calibrated =
    options.calibrate !== false &&
    calibrateIntervals(forecasts, options.levels ?? DEFAULT_LEVELS, (i) => isNonNegative(batch[i]!)) !== null;
  return { forecasts, global, calibrated };
}

/** The blends the judge compares, each with the pooled models it averages with the local combinations. */
const BLENDS: readonly [GlobalBlend, readonly PooledKind[]][] = [
  ['local', []],
  ['ridge', [RIDGE]],
  ['boosted', [BOOSTED]],
  ['both', [RIDGE, BOOSTED]],
  ['neural', [NEURAL]],
  ['ridge+neural', [RIDGE, NEURAL]],
  ['boosted+neural', [BOOSTED, NEURAL]],
  ['all', [RIDGE, BOOSTED, NEURAL]],
];

/**
 * The judge, then the blend, pausing at each round of pooled fits for its caller to fit them (the fits of a round
 * are independent of each other, so they may run side by side): first every kind on the series cut at their latest
 * backtest origin, then the kinds with a share on the whole batch.
 */
function* blendWhenBetter(
  batch: readonly Float64Array[],
  forecasts: SeriesForecast[],
  options: BatchForecastOptions,
): Generator<PooledJob[], GlobalVerdict | null, unknown[]> {
  if (options.global === false || batch.length < GLOBAL_MIN_SERIES) return null;
  const { h, m } = options;
  const cutSeries: Float64Array[] = [];
  batch.forEach((y, i) => {
    const latest = forecasts[i]!.latestBacktest;
    if (latest) cutSeries.push(y.subarray(0, latest.cut));
  });
  const judgedKinds = [RIDGE, BOOSTED, NEURAL];
  const cutModels = yield judgedKinds.map((kind) => ({ kind: kind.key, series: cutSeries, h, m }));
  const judged = judgeGlobal(batch, forecasts, h, new Map(judgedKinds.map((kind, i) => [kind, cutModels[i]])));
  if (!judged?.verdict.used) return judged?.verdict ?? null;
  const { verdict, kinds } = judged;
  const finalModels = yield kinds.map((kind) => ({ kind: kind.key, series: batch, h, m }));
  const models = kinds.map((kind, i) => ({ kind, model: finalModels[i] }));
  if (models.some((p) => !p.model)) return { ...verdict, used: false, blend: 'local', shares: LOCAL_ONLY };
  batch.forEach((y, i) => {
    const nonNegative = isNonNegative(y);
    const pooled = models.map(({ kind, model }) => ({
      name: kind.name,
      share: verdict.shares[kind.key],
      forecast: kind.forecast(model, y, options.h, nonNegative),
    }));
    blendGlobal(forecasts[i]!, verdict.shares.local, pooled);
  });
  return verdict;
}

/**
 * Scores the local combinations at every series' latest backtest origin and their equal blends with the pooled
 * models `fitted` on the series cut there (mean RMSSE over series); the scores give each component its share
 * ({@link blendShares}), and the pooled models with a share are returned. The local forecasts there are
 * weighted from earlier origins only, so no side has seen the window. Null when there is nothing to compare.
 */
function judgeGlobal(
  batch: readonly Float64Array[],
  forecasts: SeriesForecast[],
  h: number,
  fitted: ReadonlyMap<PooledKind, unknown>,
): { verdict: GlobalVerdict; kinds: readonly PooledKind[] } | null {
  const kinds = [...fitted.keys()];
  if (!fitted.get(RIDGE)) return null;
  // A blend whose pooled model could not be fitted is not judged.
  const usable = BLENDS.filter(([, k]) => k.every((kind) => fitted.get(kind)));
  const alone = kinds.filter((kind) => fitted.get(kind));
  const sums = new Float64Array(usable.length);
  const aloneSums = new Float64Array(alone.length);
  let count = 0;
  batch.forEach((y, i) => {
    const latest = forecasts[i]!.latestBacktest;
    if (!latest) return;
    const train = y.subarray(0, latest.cut);
    const scale = squaredScale(train);
    if (!(scale > 0)) return;
    const nonNegative = isNonNegative(train);
    const pooled = new Map(alone.map((kind) => [kind, kind.forecast(fitted.get(kind), train, h, nonNegative)]));
    const steps = latest.forecast.length;
    const rmsseOf = (f: (k: number) => number) => {
      let sse = 0;
      for (let k = 0; k < steps; k++) sse += (y[latest.cut + k]! - f(k)) ** 2;
      return Math.sqrt(sse / steps / scale);
    };
    usable.forEach(([, k], b) => {
      const parts = [latest.forecast, ...k.map((kind) => pooled.get(kind)!)];
      sums[b] = sums[b]! + rmsseOf((s) => parts.reduce((a, p) => a + p[s]!, 0) / parts.length);
    });
    alone.forEach((kind, a) => (aloneSums[a] = aloneSums[a]! + rmsseOf((s) => pooled.get(kind)![s]!)));
    count++;
  });
  if (count === 0) return null;
  let best = 0;
  for (let b = 1; b < usable.length; b++) if (sums[b]! < sums[best]!) best = b;
  const aloneMean = (kind: PooledKind) => {
    const a = alone.indexOf(kind);
    return a >= 0 ? aloneSums[a]! / count : NaN;
  };
  const judged = blendShares(
    usable.map(([, k]) => k),
    Array.from(sums, (s) => s / count),
  );
  const shares = { ...LOCAL_ONLY, local: judged.local };
  for (const [kind, share] of judged.pooled) shares[kind.key] = share;
  return {
    verdict: {
      used: judged.pooled.size > 0,
      blend: usable[best]![0],
      shares,
      localRmsse: sums[0]! / count,
      globalRmsse: aloneMean(RIDGE),
      boostedRmsse: aloneMean(BOOSTED),
      neuralRmsse: aloneMean(NEURAL),
      blendRmsse: sums[best]! / count,
    },
    kinds: kinds.filter((kind) => judged.pooled.has(kind)),
  };
}

/** The shares when no pooled model joins. */
const LOCAL_ONLY: Readonly<Record<'local' | PooledKey, number>> = { local: 1, ridge: 0, boosted: 0, neural: 0 };

/** Mixes the pooled forecasts into a local one by their shares (the local one has `local`), keeping interval widths. */
function blendGlobal(
  forecast: SeriesForecast,
  local: number,
  pooled: readonly { name: string; share: number; forecast: Float64Array }[],
): void {
  for (let k = 0; k < forecast.mean.length; k++) {
    let blended = local * forecast.mean[k]!;
    for (const p of pooled) blended += p.share * p.forecast[k]!;
    const shift = blended - forecast.mean[k]!;
    forecast.mean[k] = blended;
    for (const interval of forecast.intervals) {
      interval.lower[k] = Math.max(interval.lower[k]! + shift, Math.min(interval.lower[k]!, 0) === 0 ? 0 : -Infinity);
      interval.upper[k] = interval.upper[k]! + shift;
    }
  }
  for (const c of forecast.components) c.weight *= local;
  for (const p of pooled) forecast.components.push({ model: p.name, weight: p.share, backtestRmsse: NaN });
}
