/**
 * Multinomial logistic regression over sparse vectors, trained by seeded stochastic gradient descent
 * with L2 regularisation (weight-scale trick, so each step costs only the row's non-zeros) and
 * Bottou's decaying step size η_t = η₀ / (1 + η₀·λ·t). Deterministic for a given seed.
 */
import { seededRandom, shuffleInPlace } from '../../math/random.js';
import type { SparseVector } from './text-features.js';

/** Training settings of {@link trainSoftmaxRegression}. */
export interface SoftmaxTrainingOptions {
  /** L2 strength per example (default 1e-5). */
  l2?: number;
  /** Passes over the data (default 10). */
  epochs?: number;
  /** Initial step size (default 0.5). */
  learningRate?: number;
  /** Seed of the example order (default 42). */
  seed?: number;
  /** Called after each epoch with the mean training log-loss, for progress bars. */
  onEpoch?: (epoch: number, loss: number) => void;
}

/** Fitted weights: `weights[f * classes + k]` for feature f and class k, plus one bias per class. */
export interface SoftmaxWeights {
  /** Number of classes. */
  classes: number;
  /** Number of features. */
  features: number;
  /** Feature-major weight matrix. */
  weights: Float32Array;
  /** Bias per class. */
  bias: Float64Array;
}

/** Writes the class probabilities of one vector into `out` (length = classes). */
export function softmaxScores(model: SoftmaxWeights, x: SparseVector, out: Float64Array): void {
  const k = model.classes;
  for (let c = 0; c < k; c++) out[c] = model.bias[c]!;
  accumulate(model.weights, k, x, 1, out);
  softmaxInPlace(out);
}

function accumulate(w: Float32Array, k: number, x: SparseVector, scale: number, out: Float64Array): void {
  const { indices, values } = x;
  for (let j = 0; j < indices.length; j++) {
    const base = indices[j]! * k;
    const v = values[j]! * scale;
    for (let c = 0; c < k; c++) out[c]! += w[base + c]! * v;
  }
}

function softmaxInPlace(s: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < s.length; c++) if (s[c]! > max) max = s[c]!;
  let sum = 0;
  for (let c = 0; c < s.length; c++) {
    const e = Math.exp(s[c]! - max);
    s[c] = e;
    sum += e;
  }
  for (let c = 0; c < s.length; c++) s[c]! /= sum;
}

/** Trains the model epoch by epoch, so callers can yield between epochs (see {@link trainSoftmaxRegression}). */
export class SoftmaxTrainer {
  private readonly w: Float32Array;
  private readonly bias: Float64Array;
  private readonly scores: Float64Array;
  private readonly order: Int32Array;
  private readonly random: () => number;
  private readonly l2: number;
  private readonly eta0: number;
  // The true weights are scale × w, so shrinking every weight for L2 is one multiplication.
  private scale = 1;
  private t = 0;
  private epochsDone = 0;

  /** Prepares training on vectors `x` with class indices `y` in [0, classes). */
  constructor(
    private readonly x: readonly SparseVector[],
    private readonly y: Int32Array,
    private readonly classes: number,
    private readonly features: number,
    private readonly options: SoftmaxTrainingOptions = {},
  ) {
    this.l2 = options.l2 ?? 1e-5;
    this.eta0 = options.learningRate ?? 0.5;
    this.random = seededRandom(options.seed ?? 42);
    this.w = new Float32Array(features * classes);
    this.bias = new Float64Array(classes);
    this.scores = new Float64Array(classes);
    this.order = new Int32Array(x.length);
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
  }

  /** Number of epochs the options ask for (default 10). */
  get epochs(): number {
    return this.options.epochs ?? 10;
  }

  /** Runs one pass over the shuffled data and returns its mean log-loss. */
  epoch(): number {
    const { x, y, w, bias, scores, order, l2, eta0 } = this;
    const k = this.classes;
    shuffleInPlace(order, this.random);
    let loss = 0;
    for (let o = 0; o < order.length; o++) {
      const i = order[o]!;
      const row = x[i]!;
      const label = y[i]!;
      const eta = eta0 / (1 + eta0 * l2 * this.t++);
      for (let c = 0; c < k; c++) scores[c] = bias[c]!;
      accumulate(w, k, row, this.scale, scores);
      softmaxInPlace(scores);
      loss -= Math.log(Math.max(scores[label]!, 1e-12));
      scores[label]! -= 1;
      this.scale *= 1 - eta * l2;
      const step = eta / this.scale;
      const { indices, values } = row;
      for (let j = 0; j < indices.length; j++) {
        const base = indices[j]! * k;
        const v = values[j]! * step;
        for (let c = 0; c < k; c++) w[base + c]! -= scores[c]! * v;
      }
      for (let c = 0; c < k; c++) bias[c]! -= eta * scores[c]!;
      if (this.scale < 1e-6) this.rescale();
    }
    const mean = loss / Math.max(1, x.length);
    this.options.onEpoch?.(++this.epochsDone, mean);
    return mean;
  }

  /** The fitted weights (call once training is done). */
  result(): SoftmaxWeights {
    this.rescale();
    return { classes: this.classes, features: this.features, weights: this.w, bias: this.bias };
  }

  private rescale(): void {
    if (this.scale === 1) return;
    for (let f = 0; f < this.w.length; f++) this.w[f]! *= this.scale;
    this.scale = 1;
  }
}

/** Trains the model on vectors `x` with class indices `y` in [0, classes). */
export function trainSoftmaxRegression(
  x: readonly SparseVector[],
  y: Int32Array,
  classes: number,
  features: number,
  options: SoftmaxTrainingOptions = {},
): SoftmaxWeights {
  const trainer = new SoftmaxTrainer(x, y, classes, features, options);
  for (let e = 0; e < trainer.epochs; e++) trainer.epoch();
  return trainer.result();
}
