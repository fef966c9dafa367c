/**
 * Trains a sentiment model from labelled texts: an ensemble of an NB-weighted logistic regression
 * (NBSVM-style log-count ratios, strong on short texts) and a plain one (more robust where the
 * ratios over-trust words of the training domain) over the same hashed char n-gram + word features.
 */
import { fitLogistic } from './logistic-regression.js';
import { nbRatios } from './nb-ratios.js';
import type { FeatureSpec } from './review-features.js';
import { SentimentModel } from './sentiment-model.js';
import { buildSparseRows, type SparseRows } from './sparse-rows.js';

/** Settings of {@link trainSentiment}; the defaults are the built-in model's. */
export interface SentimentTrainingOptions {
  /** Feature settings. */
  spec?: FeatureSpec;
  /** L2 penalty of the NB-weighted member. */
  l2Nb?: number;
  /** L2 penalty of the plain member. */
  l2Plain?: number;
  /** L-BFGS iterations per member. */
  iterations?: number;
  /** Told about progress: a stage name and a fraction done. */
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Recorded in the model file. */
  meta?: Record<string, unknown>;
}

/** The feature settings of the built-in model. */
export const DEFAULT_SENTIMENT_SPEC: FeatureSpec = { hashBits: 19, maxCharGram: 5, words: true };

/** Fits both members on already hashed rows (labels 1 positive, 0 negative). */
export function trainSentimentRows(
  rows: SparseRows,
  labels: Uint8Array,
  options: SentimentTrainingOptions = {},
): SentimentModel {
  const spec = options.spec ?? DEFAULT_SENTIMENT_SPEC;
  const iterations = options.iterations ?? 100;
  const report = (stage: string) => (it: number) => options.onProgress?.(stage, it, iterations);
  const nb = fitLogistic(rows, labels, {
    l2: options.l2Nb ?? 0.1,
    iterations,
    values: nbRatios(rows, labels, 1),
    normalize: true,
    onIteration: report('NB-weighted member'),
  });
  const plain = fitLogistic(rows, labels, {
    l2: options.l2Plain ?? 0.1,
    iterations,
    values: null,
    normalize: true,
    onIteration: report('plain member'),
  });
  return new SentimentModel(
    spec,
    [
      { ...nb, normalize: true },
      { ...plain, normalize: true },
    ],
    0.5,
    options.meta ?? {},
  );
}

/** Hashes the texts and fits the model; throws when either class is missing. */
export function trainSentiment(
  texts: readonly string[],
  labels: Uint8Array,
  options: SentimentTrainingOptions = {},
): SentimentModel {
  let positives = 0;
  for (const y of labels) positives += y;
  if (positives === 0 || positives === labels.length) {
    throw new Error('training needs both positive and negative examples');
  }
  const spec = options.spec ?? DEFAULT_SENTIMENT_SPEC;
  const rows = buildSparseRows(texts, spec, (done) => options.onProgress?.('features', done, texts.length));
  return trainSentimentRows(rows, labels, { ...options, spec });
}
