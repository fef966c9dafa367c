/**
 * Gradient-boosted regression trees for squared (or Huber) loss with sample weights: features are binned once into at
 * most 64 quantile bins, and each tree grows level by level from per-bin histograms of gradients (the
 * LightGBM way), so a split costs a pass over the rows of its node and then only bins. Small and pure: no npm
 * package we found is both kept up and able to take sample weights, and forecasting needs only this much.
 */
import { seededRandom } from './random.js';

/** Options of {@link fitGradientBoosting}. */
export interface GradientBoostingOptions {
  /** Trees (default 150). */
  trees?: number;
  /** Depth of each tree (default 4). */
  depth?: number;
  /** Shrinkage of each tree's output (default 0.05). */
  learningRate?: number;
  /** Smallest total sample weight in a leaf, as a share of the total (default 0.002). */
  minLeafShare?: number;
  /** L2 penalty on leaf values, as a share of the total weight (default 0.001). */
  lambdaShare?: number;
  /** Share of rows each tree sees (default 0.5). */
  subsample?: number;
  /** Seed of the row sampling (default 1). */
  seed?: number;
  /**
   * Huber loss on each row's weighted residual √w·(y − f) instead of its square: beyond this many units a row's
   * residual counts linearly, so a few wild targets (a promotion's spike) cannot pull every leaf they land in.
   * Leaves stay weighted means of the clipped residuals (a Hessian of w, LightGBM's Huber). Default: squared loss.
   */
  huber?: number;
}

/** A fitted ensemble: flat arrays of complete binary trees of `depth` levels. */
export interface GradientBoostingModel {
  depth: number;
  dim: number;
  base: number;
  /** Per tree, `2^depth − 1` split features (−1: no split, everything goes left). */
  features: Int32Array;
  /** Per tree, the split thresholds (a row goes left when its value ≤ threshold). */
  thresholds: Float64Array;
  /** Per tree, `2^depth` leaf values (learning rate applied). */
  leaves: Float64Array;
}

const MAX_BINS = 64;

/** Quantile bin edges of one feature (upper edges; the last bin takes everything above). */
function binEdges(x: Float64Array, rows: number, dim: number, f: number): Float64Array {
  const step = Math.max(1, Math.floor(rows / 4096));
  const sample: number[] = [];
  for (let i = 0; i < rows; i += step) sample.push(x[i * dim + f]!);
  sample.sort((a, b) => a - b);
  const edges: number[] = [];
  for (let b = 1; b < MAX_BINS; b++) {
    const v = sample[Math.floor((b * sample.length) / MAX_BINS)]!;
    if (edges.length === 0 || v > edges[edges.length - 1]!) edges.push(v);
  }
  return Float64Array.from(edges);
}

function binOf(edges: Float64Array, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Where bin `bin` of feature `f` starts in a node's histogram (residual sum, then weight sum). */
function cellOf(bin: number, f: number, dim: number): number {
  return 2 * (bin * dim + f);
}

/**
 * Fits the ensemble to rows of `x` (row-major, `dim` features each) against `y` with weights `w`, minimising
 * the weighted squared error (or the Huber loss of {@link GradientBoostingOptions.huber}).
 */
export function fitGradientBoosting(
  x: Float64Array,
  y: Float64Array,
  w: Float64Array,
  dim: number,
  options: GradientBoostingOptions = {},
): GradientBoostingModel {
  const rows = y.length;
  const trees = options.trees ?? 150;
  const depth = options.depth ?? 4;
  const rate = options.learningRate ?? 0.05;
  const subsample = options.subsample ?? 0.5;
  const rand = seededRandom(options.seed ?? 1);
  let totalW = 0;
  let base = 0;
  for (let i = 0; i < rows; i++) {
    totalW += w[i]!;
    base += w[i]! * y[i]!;
  }
  base = totalW > 0 ? base / totalW : 0;
  const minLeaf = (options.minLeafShare ?? 0.002) * totalW * subsample;
  const lambda = (options.lambdaShare ?? 0.001) * totalW * subsample;

  const edges = Array.from({ length: dim }, (_, f) => binEdges(x, rows, dim, f));
  // Each row's bins, kept as where they land in a node's histogram (bin and feature, residual and weight
  // interleaved): the hot loop then adds an offset and nothing more.
  const cells = new Uint16Array(rows * dim);
  for (let i = 0; i < rows; i++)
    for (let f = 0; f < dim; f++) cells[i * dim + f] = cellOf(binOf(edges[f]!, x[i * dim + f]!), f, dim);

  const inner = (1 << depth) - 1;
  const features = new Int32Array(trees * inner).fill(-1);
  const thresholds = new Float64Array(trees * inner);
  const leaves = new Float64Array(trees << depth);
  const pred = new Float64Array(rows).fill(base);
  const node = new Int32Array(rows);
  // The sampled rows of the current tree, ascending, with their weighted residuals (fixed within a tree).
  const active = new Int32Array(rows);
  const residual = new Float64Array(rows);
  // Per node, bin and feature the residual sum and the weight sum side by side: one cache line for both.
  const hist = new Float64Array(2 * (1 << (depth - 1)) * MAX_BINS * dim);
  const splitBin = new Int32Array(inner);

  // Under the Huber loss a row's residual is clipped at huber / √w (its weighted residual at ±huber); the weights
  // do not change between trees, so each row's limit is worked out once (Infinity: squared loss).
  const huber = options.huber ?? Infinity;
  const limits = Float64Array.from(w.subarray(0, rows), (wi) => huber / Math.sqrt(wi));
  for (let t = 0; t < trees; t++) {
    let sampled = 0;
    for (let i = 0; i < rows; i++) {
      if (rand() < subsample) {
        active[sampled] = i;
        const r = y[i]! - pred[i]!;
        const limit = limits[i]!;
        residual[sampled++] = w[i]! * (r > limit ? limit : r < -limit ? -limit : r);
      }
      node[i] = 0;
    }
    for (let level = 0; level < depth; level++) {
      const first = (1 << level) - 1;
      const width = 1 << level;
      // One pass over the sampled rows fills the histograms of every node of this level. Each cell adds its rows
      // in ascending order, as a plain pass over all rows would.
      hist.fill(0, 0, 2 * width * MAX_BINS * dim);
      for (let j = 0; j < sampled; j++) {
        const i = active[j]!;
        const r = residual[j]!;
        const wi = w[i]!;
        const o = i * dim;
        const h = 2 * (node[i]! - first) * MAX_BINS * dim;
        for (let f = 0; f < dim; f++) {
          const b = h + cells[o + f]!;
          hist[b] = hist[b]! + r;
          hist[b + 1] = hist[b + 1]! + wi;
        }
      }
      for (let j = 0; j < width; j++) {
        const h = j * MAX_BINS * dim;
        // The node's totals, from any one feature's bins.
        let g = 0;
        let sw = 0;
        for (let b = 0; b < MAX_BINS; b++) {
          g += hist[2 * (h + b * dim)]!;
          sw += hist[2 * (h + b * dim) + 1]!;
        }
        // Gain of a split: the drop in weighted squared error, with the L2 penalty on the leaf values.
        const parent = (g * g) / (sw + lambda);
        let best = 0;
        let bestF = -1;
        let bestB = 0;
        for (let f = 0; f < dim; f++) {
          let lg = 0;
          let lw = 0;
          const nb = edges[f]!.length;
          for (let b = 0; b < nb; b++) {
            lg += hist[2 * (h + b * dim + f)]!;
            lw += hist[2 * (h + b * dim + f) + 1]!;
            if (lw < minLeaf || sw - lw < minLeaf) continue;
            const rg = g - lg;
            const gain = (lg * lg) / (lw + lambda) + (rg * rg) / (sw - lw + lambda) - parent;
            if (gain > best) {
              best = gain;
              bestF = f;
              bestB = b;
            }
          }
        }
        const k = t * inner + first + j;
        features[k] = bestF;
        thresholds[k] = bestF >= 0 ? edges[bestF]![bestB]! : 0;
        splitBin[first + j] = bestB;
      }
      for (let i = 0; i < rows; i++) {
        const id = node[i]!;
        const f = features[t * inner + id]!;
        // A row's cell grows with its bin, so comparing cells compares bins.
        node[i] = 2 * id + 1 + (f >= 0 && cells[i * dim + f]! > cellOf(splitBin[id]!, f, dim) ? 1 : 0);
      }
    }
    // Leaf values from the sampled rows; every row (sampled or not) then moves by its leaf.
    const leafG = new Float64Array(1 << depth);
    const leafW = new Float64Array(1 << depth);
    for (let j = 0; j < sampled; j++) {
      const i = active[j]!;
      const leaf = node[i]! - inner;
      leafG[leaf] = leafG[leaf]! + residual[j]!;
      leafW[leaf] = leafW[leaf]! + w[i]!;
    }
    for (let l = 0; l < 1 << depth; l++) leaves[(t << depth) + l] = (rate * leafG[l]!) / (leafW[l]! + lambda);
    for (let i = 0; i < rows; i++) pred[i] = pred[i]! + leaves[(t << depth) + node[i]! - inner]!;
  }
  return { depth, dim, base, features, thresholds, leaves };
}

/** The ensemble's prediction for one row of features. */
export function predictGradientBoosting(model: GradientBoostingModel, row: ArrayLike<number>): number {
  const inner = (1 << model.depth) - 1;
  const trees = model.features.length / inner;
  let out = model.base;
  for (let t = 0; t < trees; t++) {
    let id = 0;
    for (let level = 0; level < model.depth; level++) {
      const k = t * inner + id;
      const f = model.features[k]!;
      id = 2 * id + 1 + (f >= 0 && row[f]! > model.thresholds[k]! ? 1 : 0);
    }
    out += model.leaves[(t << model.depth) + id - inner]!;
  }
  return out;
}
