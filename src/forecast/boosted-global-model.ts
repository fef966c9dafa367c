/**
 * A global model pooled across series with gradient-boosted trees: every rolling origin of every series gives
 * one row per step ahead (the step is a feature: direct multi-horizon targets), whose features and target are
 * divided by the series' mean level before that origin, so series of any size pool together and nothing after
 * the origin leaks into a row. Trees find what a linear pooled model cannot: that a spike in the last week
 * means less on a slow seller than on a steady one, that a recent fall reverts when the long run is higher.
 */
import { squaredScale } from './accuracy.js';
import { totalFeatures, totalOf, TOTAL_DIM } from './batch-total.js';
import { recentShape } from './global-model.js';
import { fitGradientBoosting, predictGradientBoosting, type GradientBoostingModel } from '../math/gradient-boosting.js';
import { seededRandom } from '../math/random.js';

/** Windows whose means are features. */
const MEANS = [1, 2, 4, 8, 13, 26];
/** Windows whose medians are features (robust to a single spike). */
const MEDIANS = [8, 13, 26];
/** Periods over which the share of zeros, the slope and the spread are measured. */
const RECENT = 13;
/**
 * Means, medians, recent and overall share of zeros, slope, spread, log level, step, two seasonal features and
 * three of the batch's total.
 */
export const POOLED_DIM = MEANS.length + MEDIANS.length + 8 + TOTAL_DIM;
/** Where the step and the two seasonal features (the only ones that depend on the step) sit among them. */
const STEP_AT = MEANS.length + MEDIANS.length + 5;
const DIM = POOLED_DIM;
/** Half-life of an origin's weight in periods before the end of the data: demand drifts. */
export const HALF_LIFE = 16;
/** Origins older than this many half-lives weigh under 1/16 and are left out. */
export const HORIZON_HALF_LIVES = 4;
/** Rows kept at most (origins are sampled beyond it), which bounds the fit's time and memory. */
const MAX_ROWS = 200_000;
/** A series' weight is its level over its RMSSE scale (so the loss is RMSSE's), capped so no one series rules. */
export const MAX_WEIGHT = 50;
/** The fewest periods before an origin. */
export const MIN_TRAIN = 8;
/**
 * The trees' loss is Huber's on each row's weighted residual, which with these weights is in units of the series'
 * RMSSE scale at the latest origins (older rows weigh less, so theirs are clipped later): errors beyond 2 of them
 * (a spike, a one-off bulk order) count linearly, not squared. On UCI's
 * validation windows 0.7528 against 0.7544 with squared error and no window worse (docs/forecasting.md); the
 * simulated monthly proxy gives the trees no share either way.
 */
export const HUBER = 2;

/** The fitted pooled model. */
export interface BoostedGlobalModel {
  h: number;
  m: number;
  /** The batch's total per period, series aligned at their ends (what the total's features read). */
  total: Float64Array;
  trees: GradientBoostingModel;
}

const sorted = new Float64Array(64);

/** Median of y[t−k..t) (k ≤ 64). */
function median(y: Float64Array, t: number, k: number): number {
  for (let i = 0; i < k; i++) sorted[i] = y[t - k + i]!;
  const s = sorted.subarray(0, k).sort();
  return k % 2 === 1 ? s[(k - 1) / 2]! : (s[k / 2 - 1]! + s[k / 2]!) / 2;
}

/**
 * Features of `y` before `t` for step `step` (0 = the next period) into `out`; returns the level everything is
 * divided by (the mean absolute value before `t`), or 0 when the series has had nothing yet.
 */
export function pooledFeatures(
  y: Float64Array,
  t: number,
  step: number,
  m: number,
  total: Float64Array,
  out: Float64Array,
): number {
  let level = 0;
  let zerosAll = 0;
  for (let i = 0; i < t; i++) {
    level += Math.abs(y[i]!);
    if (y[i] === 0) zerosAll++;
  }
  level /= Math.max(t, 1);
  if (!(level > 0)) return 0;
  let j = 0;
  for (const w of MEANS) {
    const k = Math.min(w, t);
    let s = 0;
    for (let i = t - k; i < t; i++) s += y[i]!;
    out[j++] = s / k / level;
  }
  for (const w of MEDIANS) out[j++] = median(y, t, Math.min(w, t)) / level;
  const shape = recentShape(y, t, Math.min(RECENT, t), level);
  out[j++] = shape.zeros;
  out[j++] = zerosAll / t;
  out[j++] = shape.slope;
  out[j++] = shape.spread;
  // Slow sellers are noisier relative to their level (counts), so the size itself tells how far to smooth.
  out[j++] = Math.log1p(level);
  stepFeatures(y, t, step, m, level, out);
  j += 3;
  // Where the whole batch stands (recent against longer windows): a shift that hit every series at once,
  // such as a store-wide fall or recovery, says more about each series' next periods than its own noise.
  totalFeatures(total, y.length, t, out, j);
  return level;
}

/**
 * The features of {@link pooledFeatures} that depend on the step, rewritten in `out` for step `step` (`level` as
 * pooledFeatures returned it): the other features of an origin serve every step ahead.
 */
function stepFeatures(y: Float64Array, t: number, step: number, m: number, level: number, out: Float64Array): void {
  out[STEP_AT] = step;
  // Seasonal data: the value one season before the target, and how it stood against its season's mean.
  const back = t + step - m;
  if (m > 1 && back >= 0 && t >= m) {
    let s = 0;
    for (let i = t - m; i < t; i++) s += y[i]!;
    out[STEP_AT + 1] = y[back]! / level;
    out[STEP_AT + 2] = s > 0 ? (y[back]! * m) / s : 1;
  } else {
    out[STEP_AT + 1] = out[4]!;
    out[STEP_AT + 2] = 1;
  }
}

/**
 * Fits the pooled model on the given series (each only up to its own end) for `h` steps with season length `m`.
 * Undefined when too few rows exist to learn from.
 */
export function fitBoostedGlobalModel(
  series: readonly Float64Array[],
  h: number,
  m: number,
  seed = 1,
): BoostedGlobalModel | undefined {
  const decay = Math.pow(0.5, 1 / HALF_LIFE);
  const oldest = HALF_LIFE * HORIZON_HALF_LIVES;
  let possible = 0;
  for (const y of series) possible += Math.max(0, Math.min(y.length - MIN_TRAIN, oldest + h)) * h;
  const keep = Math.min(1, MAX_ROWS / Math.max(possible, 1));
  const rand = seededRandom(seed);
  const total = totalOf(series);
  const x = new Float64Array(possible > 0 ? Math.min(possible, MAX_ROWS * 1.1) * DIM : 0);
  const target = new Float64Array(x.length / DIM);
  const weight = new Float64Array(x.length / DIM);
  const row = new Float64Array(DIM);
  let rows = 0;
  for (const y of series) {
    const n = y.length;
    for (let t = Math.max(MIN_TRAIN, n - oldest - h); t < n; t++) {
      if (keep < 1 && rand() >= keep) continue;
      const scale = squaredScale(y.subarray(0, t));
      if (!(scale > 0)) continue;
      // The level and every feature but the step's are the origin's: computed once for all its steps.
      const level = pooledFeatures(y, t, 0, m, total, row);
      if (!(level > 0)) continue;
      for (let k = 0; k < h && t + k < n && rows < target.length; k++) {
        stepFeatures(y, t, k, m, level, row);
        x.set(row, rows * DIM);
        target[rows] = y[t + k]! / level;
        weight[rows] = Math.min((level * level) / scale, MAX_WEIGHT) * Math.pow(decay, n - 1 - (t + k));
        rows++;
      }
    }
  }
  if (rows < 50 * DIM) return undefined;
  const trees = fitGradientBoosting(
    x.subarray(0, rows * DIM),
    target.subarray(0, rows),
    weight.subarray(0, rows),
    DIM,
    { trees: 150, depth: 4, learningRate: 0.05, seed, huber: HUBER },
  );
  return { h, m, total, trees };
}

/** The pooled model's forecast for one series (non-negative series stay non-negative). */
export function boostedGlobalForecast(
  model: BoostedGlobalModel,
  y: Float64Array,
  h: number,
  nonNegative: boolean,
): Float64Array {
  const out = new Float64Array(h);
  const row = new Float64Array(DIM);
  const level = pooledFeatures(y, y.length, 0, model.m, model.total, row);
  if (!(level > 0)) return out;
  for (let k = 0; k < h; k++) {
    stepFeatures(y, y.length, Math.min(k, model.h - 1), model.m, level, row);
    const f = predictGradientBoosting(model.trees, row) * level;
    out[k] = nonNegative ? Math.max(0, f) : f;
  }
  return out;
}
