/**
 * A small multilayer perceptron for regression with several outputs: two ReLU hidden layers, a linear output,
 * squared loss over the outputs each row has (a mask leaves out targets not yet observed), trained by Adam on
 * minibatches drawn in proportion to the rows' weights (importance sampling: the same expected loss as
 * weighting each row, with less noise than scaling the gradients of a uniform draw). Seeded, so a fit is
 * reproducible; pure, so it runs wherever the forecasts run.
 */
import { seededRandom, type Random } from './random.js';

/** Options of {@link fitMlp}. */
export interface MlpOptions {
  /** Units in each of the two hidden layers (default 32). */
  hidden?: number;
  /** Minibatch steps (default 2000). */
  steps?: number;
  /** Rows per minibatch (default 64). */
  batch?: number;
  /** Adam's step size (default 0.002, decayed linearly to a tenth over the steps). */
  learningRate?: number;
  /** L2 penalty on the weights (default 1e-5). */
  weightDecay?: number;
  /** Seed of the initial weights and the minibatch draws (default 1). */
  seed?: number;
}

/** A fitted network: layer sizes and flat weights (per layer, row-major `out × in` then the biases). */
export interface MlpModel {
  sizes: number[];
  params: Float64Array;
}

/** Offsets of each layer's weights and biases in the flat parameter vector. */
function layout(sizes: readonly number[]): { w: number; b: number }[] {
  const out: { w: number; b: number }[] = [];
  let at = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const w = at;
    at += sizes[l]! * sizes[l + 1]!;
    out.push({ w, b: at });
    at += sizes[l + 1]!;
  }
  return out;
}

function paramCount(sizes: readonly number[]): number {
  let n = 0;
  for (let l = 0; l + 1 < sizes.length; l++) n += sizes[l]! * sizes[l + 1]! + sizes[l + 1]!;
  return n;
}

/** Standard normal draw (Box–Muller) from a uniform source. */
function gaussian(rand: Random): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Forward pass of one input; fills `acts` (one array per layer, the input first) and returns the output. */
function forward(model: MlpModel, offsets: readonly { w: number; b: number }[], acts: Float64Array[]): Float64Array {
  const { sizes, params } = model;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const input = acts[l]!;
    const output = acts[l + 1]!;
    const { w, b } = offsets[l]!;
    const nIn = sizes[l]!;
    const last = l + 2 === sizes.length;
    for (let o = 0; o < sizes[l + 1]!; o++) {
      let s = params[b + o]!;
      const row = w + o * nIn;
      for (let i = 0; i < nIn; i++) s += params[row + i]! * input[i]!;
      output[o] = last || s > 0 ? s : 0;
    }
  }
  return acts[sizes.length - 1]!;
}

/**
 * Fits the network to rows of `x` (`dIn` inputs each) against `y` (`dOut` targets each; `mask` 1 where a target
 * counts), drawing rows in proportion to `w`.
 */
export function fitMlp(
  x: Float64Array,
  y: Float64Array,
  mask: Uint8Array,
  w: Float64Array,
  dIn: number,
  dOut: number,
  options: MlpOptions = {},
): MlpModel {
  const hidden = options.hidden ?? 32;
  const steps = options.steps ?? 2000;
  const batch = options.batch ?? 64;
  const lr0 = options.learningRate ?? 0.002;
  const decay = options.weightDecay ?? 1e-5;
  const rand = seededRandom(options.seed ?? 1);
  const sizes = [dIn, hidden, hidden, dOut];
  const offsets = layout(sizes);
  const params = new Float64Array(paramCount(sizes));
  // He initialisation for the ReLU layers; the output layer starts small, so the first forecasts are near zero.
  offsets.forEach(({ w: at }, l) => {
    const gain = l + 2 === sizes.length ? 0.1 : 1;
    const sd = gain * Math.sqrt(2 / sizes[l]!);
    for (let i = 0; i < sizes[l]! * sizes[l + 1]!; i++) params[at + i] = sd * gaussian(rand);
  });
  const model: MlpModel = { sizes, params };
  const rows = y.length / dOut;
  // Cumulative weights for the proportional draw.
  const cumulative = new Float64Array(rows);
  let total = 0;
  for (let r = 0; r < rows; r++) cumulative[r] = total += Math.max(0, w[r]!);
  const draw = (): number => {
    const u = rand() * total;
    let lo = 0;
    let hi = rows - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const acts = sizes.map((s) => new Float64Array(s));
  const deltas = sizes.map((s) => new Float64Array(s));
  const grad = new Float64Array(params.length);
  const m1 = new Float64Array(params.length);
  const m2 = new Float64Array(params.length);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const L = sizes.length - 1;
  for (let step = 1; step <= steps && total > 0; step++) {
    grad.fill(0);
    for (let b = 0; b < batch; b++) {
      const r = draw();
      acts[0]!.set(x.subarray(r * dIn, (r + 1) * dIn));
      const out = forward(model, offsets, acts);
      let counted = 0;
      for (let o = 0; o < dOut; o++) if (mask[r * dOut + o]) counted++;
      for (let o = 0; o < dOut; o++)
        deltas[L]![o] = mask[r * dOut + o] ? (out[o]! - y[r * dOut + o]!) / Math.max(counted, 1) : 0;
      for (let l = L - 1; l >= 0; l--) {
        const { w: wAt, b: bAt } = offsets[l]!;
        const nIn = sizes[l]!;
        const input = acts[l]!;
        const dOutL = deltas[l + 1]!;
        const dIn_ = deltas[l]!;
        if (l > 0) dIn_.fill(0);
        for (let o = 0; o < sizes[l + 1]!; o++) {
          const d = dOutL[o]!;
          if (d === 0) continue;
          grad[bAt + o] = grad[bAt + o]! + d;
          const row = wAt + o * nIn;
          for (let i = 0; i < nIn; i++) {
            grad[row + i] = grad[row + i]! + d * input[i]!;
            if (l > 0) dIn_[i] = dIn_[i]! + d * params[row + i]!;
          }
        }
        // Through the ReLU of the layer below.
        if (l > 0) for (let i = 0; i < nIn; i++) if (input[i]! <= 0) dIn_[i] = 0;
      }
    }
    const lr = lr0 * (1 - (0.9 * (step - 1)) / steps);
    const c1 = 1 - Math.pow(beta1, step);
    const c2 = 1 - Math.pow(beta2, step);
    for (let p = 0; p < params.length; p++) {
      const g = grad[p]! / batch + decay * params[p]!;
      m1[p] = beta1 * m1[p]! + (1 - beta1) * g;
      m2[p] = beta2 * m2[p]! + (1 - beta2) * g * g;
      params[p] = params[p]! - (lr * (m1[p]! / c1)) / (Math.sqrt(m2[p]! / c2) + 1e-8);
    }
  }
  return model;
}

/** The network's outputs for one input row. */
export function predictMlp(model: MlpModel, input: ArrayLike<number>): Float64Array {
  const acts = model.sizes.map((s) => new Float64Array(s));
  for (let i = 0; i < model.sizes[0]!; i++) acts[0]![i] = input[i]!;
  return Float64Array.from(forward(model, layout(model.sizes), acts));
}
