/**
 * A global neural model pooled across series (N-BEATS in spirit, small): the last weeks of a series divided by
 * its level before the origin, with the pooled trees' summary features, go into a two-layer perceptron whose
 * outputs are the next `h` periods (divided by the same level, as a correction of the mean of the last 8), so
 * one fit gives every step ahead at once and the loss is over the whole horizon. Rows weigh as the trees' do
 * (level² over the RMSSE scale, capped; older origins less), and a few seeds are averaged, which is what keeps
 * a small network's forecasts from depending on its initial weights.
 */
import { squaredScale } from './accuracy.js';
// Origins weigh, age and are left out as the trees' are.
import {
  HALF_LIFE,
  HORIZON_HALF_LIVES,
  MAX_WEIGHT,
  MIN_TRAIN,
  pooledFeatures,
  POOLED_DIM,
} from './boosted-global-model.js';
import { totalOf } from './batch-total.js';
import { fitMlp, predictMlp, type MlpModel } from '../math/mlp.js';
import { seededRandom } from '../math/random.js';

/**
 * Past periods the network reads directly: a year of weeks, four years of months. 52 against 26 scored 0.8113
 * against 0.8144 (MASE) on the simulated monthly proxy's four seeds and a little better on UCI's validation
 * windows (docs/forecasting.md); the network has seasons to compare, not just the last half-year.
 */
export const LAGS = 52;
const DIM = LAGS + POOLED_DIM;
/** Index of the mean of the last 8 periods among the pooled features (the baseline the outputs correct). */
const MEAN8 = LAGS + 3;
/** Inputs are clipped here: one spike of fifty times the level should not throw the network. */
const CLIP = 20;
/** Origins kept at most (sampled beyond it): the fit's cost is its steps, this bounds its memory. */
const MAX_ROWS = 60_000;
/**
 * Networks averaged, each from its own seed. Five against three scored 0.8098 against 0.8113 (MASE) on the
 * simulated monthly proxy's four seeds, the same on UCI's validation windows (docs/forecasting.md); on worker
 * threads the seeds fit side by side ({@link joinNeuralParts}), so the two more cost CPU, not a longer thread.
 */
export const NEURAL_SEEDS = 5;
/** Minibatch steps of each network: the fit costs the same for 100 series as for 100,000. */
const STEPS = 2000;
/** Units per hidden layer. */
const HIDDEN = 32;

/** The fitted pooled network (one per seed). */
export interface NeuralGlobalModel {
  h: number;
  m: number;
  total: Float64Array;
  nets: MlpModel[];
}

/** Inputs of `y` before `t` into `out`; returns the level (0: nothing to scale by). */
function inputs(y: Float64Array, t: number, m: number, total: Float64Array, out: Float64Array): number {
  const pooled = out.subarray(LAGS);
  const level = pooledFeatures(y, t, 0, m, total, pooled);
  if (!(level > 0)) return 0;
  for (let i = 0; i < LAGS; i++) {
    const at = t - LAGS + i;
    // Before the series began, the lags read as the level itself (its mean), the least surprising filler.
    out[i] = at >= 0 ? Math.min(y[at]! / level, CLIP) : 1;
  }
  for (let i = LAGS; i < DIM; i++) out[i] = Math.max(-CLIP, Math.min(out[i]!, CLIP));
  return level;
}

/**
 * How much work a fit does: networks averaged and minibatch steps of each (tests ask for less), and the index of
 * the first network's seed (a worker thread fitting its share of one model's seeds starts past the others').
 */
export interface NeuralEffort {
  seeds?: number;
  steps?: number;
  firstSeed?: number;
}

/** Fits the pooled network on the given series for `h` steps with season length `m`; undefined with too few rows. */
export function fitNeuralGlobalModel(
  series: readonly Float64Array[],
  h: number,
  m: number,
  seed = 1,
  effort: NeuralEffort = {},
): NeuralGlobalModel | undefined {
  const decay = Math.pow(0.5, 1 / HALF_LIFE);
  const oldest = HALF_LIFE * HORIZON_HALF_LIVES;
  let possible = 0;
  for (const y of series) possible += Math.max(0, Math.min(y.length - MIN_TRAIN, oldest + h));
  const keep = Math.min(1, MAX_ROWS / Math.max(possible, 1));
  const rand = seededRandom(seed);
  const total = totalOf(series);
  const cap = Math.min(possible, Math.ceil(MAX_ROWS * 1.1));
  const x = new Float64Array(cap * DIM);
  const target = new Float64Array(cap * h);
  const mask = new Uint8Array(cap * h);
  const weight = new Float64Array(cap);
  const row = new Float64Array(DIM);
  let rows = 0;
  for (const y of series) {
    const n = y.length;
    for (let t = Math.max(MIN_TRAIN, n - oldest - h); t < n && rows < cap; t++) {
      if (keep < 1 && rand() >= keep) continue;
      const scale = squaredScale(y.subarray(0, t));
      if (!(scale > 0)) continue;
      const level = inputs(y, t, m, total, row);
      if (!(level > 0)) continue;
      x.set(row, rows * DIM);
      const base = row[MEAN8]!;
      for (let k = 0; k < h && t + k < n; k++) {
        target[rows * h + k] = y[t + k]! / level - base;
        mask[rows * h + k] = 1;
      }
      weight[rows] = Math.min((level * level) / scale, MAX_WEIGHT) * Math.pow(decay, n - 1 - t);
      rows++;
    }
  }
  if (rows < 20 * DIM) return undefined;
  const nets: MlpModel[] = [];
  const first = effort.firstSeed ?? 0;
  for (let s = first; s < first + (effort.seeds ?? NEURAL_SEEDS); s++)
    nets.push(
      fitMlp(
        x.subarray(0, rows * DIM),
        target.subarray(0, rows * h),
        mask.subarray(0, rows * h),
        weight.subarray(0, rows),
        DIM,
        h,
        { hidden: HIDDEN, steps: effort.steps ?? STEPS, seed: seed * 1000 + s },
      ),
    );
  return { h, m, total, nets };
}

/**
 * One model from fits of parts of its seeds (in seed order): the same networks, so the same forecasts, as one fit
 * of them all. Undefined when a part is (every part reads the same rows, so they all are or none).
 */
export function joinNeuralParts(parts: readonly (NeuralGlobalModel | undefined)[]): NeuralGlobalModel | undefined {
  const first = parts[0];
  if (!first || parts.some((p) => !p)) return undefined;
  return { ...first, nets: parts.flatMap((p) => p!.nets) };
}

/** The pooled network's forecast for one series (the seeds' mean; non-negative series stay non-negative). */
export function neuralGlobalForecast(
  model: NeuralGlobalModel,
  y: Float64Array,
  h: number,
  nonNegative: boolean,
): Float64Array {
  const out = new Float64Array(h);
  const row = new Float64Array(DIM);
  const level = inputs(y, y.length, model.m, model.total, row);
  if (!(level > 0)) return out;
  const base = row[MEAN8]!;
  const sums = new Float64Array(model.h);
  for (const net of model.nets) {
    const p = predictMlp(net, row);
    for (let k = 0; k < model.h; k++) sums[k] = sums[k]! + p[k]!;
  }
  for (let k = 0; k < h; k++) {
    const f = (base + sums[Math.min(k, model.h - 1)]! / model.nets.length) * level;
    out[k] = nonNegative ? Math.max(0, f) : f;
  }
  return out;
}
