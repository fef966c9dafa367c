/**
 * A general linear text classifier for Chinese and English: {@link trainTextClassifier} learns
 * TF-IDF character n-gram + word features and a multinomial logistic regression; the result predicts
 * `{ label, score }` (score = the model's probability of that label) and saves to plain JSON.
 */
import { SoftmaxTrainer, softmaxScores, trainSoftmaxRegression } from './softmax-regression.js';
import type { SoftmaxTrainingOptions, SoftmaxWeights } from './softmax-regression.js';
import { TextFeaturizer, extractFeatures, resolveFeatureOptions } from './text-features.js';
import type { FeatureOptions, FeaturizerState } from './text-features.js';

/** Options of {@link trainTextClassifier}: features plus optimiser settings. */
export interface TextClassifierOptions extends SoftmaxTrainingOptions {
  /** Feature extraction settings. */
  features?: FeatureOptions;
}

/** One prediction: the label and the model's probability for it. */
export interface Prediction {
  /** Predicted label. */
  label: string;
  /** Probability in [0, 1]. */
  score: number;
}

/** A saved classifier (JSON-serialisable; weights as base64 little-endian float32). */
export interface TextClassifierModel {
  /** Format version. */
  version: 1;
  /** Class labels; position = class index. */
  labels: string[];
  /** The fitted featuriser. */
  featurizer: FeaturizerState;
  /** Base64 of the feature-major float32 weight matrix. */
  weights: string;
  /** Bias per class. */
  bias: number[];
}

/** A trained classifier. */
export class TextClassifier {
  private readonly scratch: Float64Array;

  /** Wraps a fitted featuriser and weights (use {@link trainTextClassifier} or {@link TextClassifier.load}). */
  constructor(
    /** Class labels; position = class index. */
    readonly labels: readonly string[],
    private readonly featurizer: TextFeaturizer,
    private readonly model: SoftmaxWeights,
  ) {
    this.scratch = new Float64Array(labels.length);
  }

  /** Rebuilds a classifier from {@link TextClassifier.toJSON} output. */
  static load(saved: TextClassifierModel): TextClassifier {
    if (saved.version !== 1) throw new Error(`unsupported text classifier model version ${String(saved.version)}`);
    const featurizer = TextFeaturizer.fromJSON(saved.featurizer);
    const bytes = Buffer.from(saved.weights, 'base64');
    const weights = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const model = {
      classes: saved.labels.length,
      features: featurizer.size,
      weights,
      bias: Float64Array.from(saved.bias),
    };
    return new TextClassifier(saved.labels, featurizer, model);
  }

  /** The most probable label of a text. */
  predict(text: string): Prediction {
    return this.predictTop(text, 1)[0]!;
  }

  /** The `k` most probable labels of a text, best first. */
  predictTop(text: string, k: number): Prediction[] {
    const probs = this.probabilities(text);
    const order = [...probs.keys()].sort((a, b) => probs[b]! - probs[a]! || a - b);
    return order.slice(0, k).map((c) => ({ label: this.labels[c]!, score: probs[c]! }));
  }

  /** Probability of every label (same order as {@link labels}). */
  probabilities(text: string): Float64Array {
    softmaxScores(this.model, this.featurizer.transform(text), this.scratch);
    return Float64Array.from(this.scratch);
  }

  /** The model as JSON-serialisable data. */
  toJSON(): TextClassifierModel {
    const w = this.model.weights;
    return {
      version: 1,
      labels: [...this.labels],
      featurizer: this.featurizer.toJSON(),
      weights: Buffer.from(w.buffer, w.byteOffset, w.byteLength).toString('base64'),
      bias: [...this.model.bias],
    };
  }
}

function encodeLabels(texts: readonly string[], labels: readonly string[]): { classes: string[]; y: Int32Array } {
  if (texts.length !== labels.length) {
    throw new Error(`texts and labels differ in length (${texts.length} vs ${labels.length})`);
  }
  const classes = [...new Set(labels)].sort();
  if (classes.length < 2) throw new Error(`need at least two distinct labels to train, got ${classes.length}`);
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  return { classes, y: Int32Array.from(labels, (l) => classIndex.get(l)!) };
}

/** Trains a classifier on parallel arrays of texts and labels (at least two distinct labels). */
export function trainTextClassifier(
  texts: readonly string[],
  labels: readonly string[],
  options: TextClassifierOptions = {},
): TextClassifier {
  const { classes, y } = encodeLabels(texts, labels);
  const { featurizer, vectors } = TextFeaturizer.fit(texts, options.features);
  const model = trainSoftmaxRegression(vectors, y, classes.length, featurizer.size, options);
  return new TextClassifier(classes, featurizer, model);
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The same model as {@link trainTextClassifier} (bit for bit), trained in slices that yield to the event
 * loop, for callers that must stay responsive (a job thread reporting progress, a test runner).
 */
export async function trainTextClassifierAsync(
  texts: readonly string[],
  labels: readonly string[],
  options: TextClassifierOptions = {},
): Promise<TextClassifier> {
  const { classes, y } = encodeLabels(texts, labels);
  const opts = resolveFeatureOptions(options.features);
  const raw: Array<Map<string, number>> = [];
  for (let i = 0; i < texts.length; i++) {
    raw.push(extractFeatures(texts[i]!, opts));
    if (i % 1000 === 999) await yieldToEventLoop();
  }
  const { featurizer, vectors } = TextFeaturizer.fitExtracted(raw, opts);
  const trainer = new SoftmaxTrainer(vectors, y, classes.length, featurizer.size, options);
  for (let e = 0; e < trainer.epochs; e++) {
    await yieldToEventLoop();
    trainer.epoch();
  }
  return new TextClassifier(classes, featurizer, trainer.result());
}
