/**
 * The pooled models a batch's judge may blend into the local forecasts, each known by a key, so that a worker
 * thread can be asked to fit one by name and send the fitted model back (every model is plain data).
 */
import { boostedGlobalForecast, fitBoostedGlobalModel, type BoostedGlobalModel } from './boosted-global-model.js';
import { fitGlobalModel, globalForecast, type GlobalModel } from './global-model.js';
import { fitNeuralGlobalModel, neuralGlobalForecast, type NeuralGlobalModel } from './neural-global-model.js';

/** Which pooled model: the ridge regression, the boosted trees or the neural network. */
export type PooledKey = 'ridge' | 'boosted' | 'neural';

/** A pooled model the judge may blend in: how to fit it on a batch and forecast one series with it. */
export interface PooledKind {
  key: PooledKey;
  /** The component's name in a forecast. */
  name: string;
  /** The fitted model (undefined when the batch has too little to learn from). */
  fit(series: readonly Float64Array[], h: number, m: number): unknown;
  forecast(model: unknown, y: Float64Array, h: number, nonNegative: boolean): Float64Array;
}

/** The pooled ridge regression. */
export const RIDGE: PooledKind = {
  key: 'ridge',
  name: 'global',
  fit: (series, h) => fitGlobalModel(series, h),
  forecast: (model, y, h, nonNegative) => globalForecast(model as GlobalModel, y, h, nonNegative),
};

/** The pooled boosted trees. */
export const BOOSTED: PooledKind = {
  key: 'boosted',
  name: 'global-boosted',
  fit: (series, h, m) => fitBoostedGlobalModel(series, h, m),
  forecast: (model, y, h, nonNegative) => boostedGlobalForecast(model as BoostedGlobalModel, y, h, nonNegative),
};

/** The pooled neural network. */
export const NEURAL: PooledKind = {
  key: 'neural',
  name: 'global-neural',
  fit: (series, h, m) => fitNeuralGlobalModel(series, h, m),
  forecast: (model, y, h, nonNegative) => neuralGlobalForecast(model as NeuralGlobalModel, y, h, nonNegative),
};

/** Every pooled kind by its key. */
export const POOLED_KINDS: Readonly<Record<PooledKey, PooledKind>> = { ridge: RIDGE, boosted: BOOSTED, neural: NEURAL };

/** One pooled fit to do: a kind on some series. */
export interface PooledJob {
  kind: PooledKey;
  series: readonly Float64Array[];
  h: number;
  m: number;
  /**
   * The network only: fit `count` of its seeds from the `first` (one thread's share of the fit; the shares'
   * models are joined by {@link joinNeuralParts}). Absent: the whole fit.
   */
  seeds?: { first: number; count: number };
}

/**
 * Fits pooled models, answering in the order asked (undefined for a model that could not be fitted); one
 * implementation fits them in turn on the calling thread, another side by side on worker threads. Either gives
 * the same models: each fit is seeded and reads only its job.
 */
export type PooledFitter = (jobs: readonly PooledJob[]) => Promise<unknown[]>;

/** Fits the jobs one after another on this thread. */
export function fitPooledHere(jobs: readonly PooledJob[]): unknown[] {
  return jobs.map((job) =>
    job.kind === 'neural' && job.seeds
      ? fitNeuralGlobalModel(job.series, job.h, job.m, 1, { firstSeed: job.seeds.first, seeds: job.seeds.count })
      : POOLED_KINDS[job.kind].fit(job.series, job.h, job.m),
  );
}
