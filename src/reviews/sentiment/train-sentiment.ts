/**
 * Trains a sentiment model from labelled texts: an ensemble of an NB-weighted logistic regression
 * (NBSVM-style log-count ratios, strong on short texts) and a plain one (more robust where the
 * ratios over-trust words of the training domain) over the same hashed char n-gram + word features.
 */
import { buildLexicon } from './build-lexicon.js';
import { fitLogisticDual } from './dual-logistic.js';
import { fitLogistic, type LinearModel, type LogisticOptions } from './logistic-regression.js';
import { nbRatios } from './nb-ratios.js';
import type { FeatureSpec } from './review-features.js';
import { SentimentModel } from './sentiment-model.js';
import { buildSparseRows, type SparseRows } from './sparse-rows.js';
import type { WordLexicon } from './word-lexicon.js';

/** Settings of {@link trainSentiment}; the defaults are the built-in model's. */
export interface SentimentTrainingOptions {
  /** Feature settings. */
  spec?: FeatureSpec;
  /** L2 penalty of the NB-weighted member. */
  l2Nb?: number;
  /** L2 penalty of the plain member. */
  l2Plain?: number;
  /** Solver: dual coordinate descent (the default: a few passes over the rows) or full-batch L-BFGS. */
  solver?: 'dual' | 'lbfgs';
  /** Passes over the rows (dual, default 30) or L-BFGS iterations (default 100) per member. */
  iterations?: number;
  /** Told about progress: a stage name and a fraction done. */
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Recorded in the model file. */
  meta?: Record<string, unknown>;
  /** Only the plain member (a baseline: logistic regression without NB weighting). */
  plainOnly?: boolean;
  /** The word list rows were cut with (a 'lexicon' spec); built from the texts when absent. */
  lexicon?: WordLexicon;
}

/** The feature settings the built-in model is trained with (words cut by jieba; scored with its lexicon, see {@link withLexiconCut}). */
export const DEFAULT_SENTIMENT_SPEC: FeatureSpec = { hashBits: 22, maxCharGram: 5, words: true };

/** The lexicon a spec needs for `texts` (null unless words are cut by a lexicon). */
export function lexiconFor(texts: readonly string[], spec: FeatureSpec): WordLexicon | null {
  return spec.words && spec.wordCut === 'lexicon' ? buildLexicon(texts) : null;
}

/**
 * The same weights, scored with words cut by a lexicon of the training texts' dictionary words instead of
 * jieba: jieba's own method (most probable path over dictionary words) without its HMM for unknown words
 * and without the library, which costs most of the scoring time. Word ids are the words' hashes either
 * way, so where the two cuts agree the features are identical.
 */
export function withLexiconCut(model: SentimentModel, texts: readonly string[]): SentimentModel {
  if (!model.spec.words || model.spec.wordCut === 'lexicon') return model;
  const lexicon = buildLexicon(texts);
  return new SentimentModel(
    { ...model.spec, wordCut: 'lexicon' },
    model.members,
    model.threshold,
    { ...model.meta, lexiconWords: lexicon.words.length },
    lexicon,
  );
}

/** Fits both members on already hashed rows (labels 1 positive, 0 negative). */
export function trainSentimentRows(
  rows: SparseRows,
  labels: Uint8Array,
  options: SentimentTrainingOptions = {},
): SentimentModel {
  const spec = options.spec ?? DEFAULT_SENTIMENT_SPEC;
  const solver = options.solver ?? 'dual';
  const iterations = options.iterations ?? (solver === 'dual' ? 30 : 100);
  const report = (stage: string) => (it: number) => options.onProgress?.(stage, it, iterations);
  const fit = (o: LogisticOptions): LinearModel =>
    solver === 'dual' ? fitLogisticDual(rows, labels, o) : fitLogistic(rows, labels, o);
  const plain = () =>
    fit({
      l2: options.l2Plain ?? 0.1,
      iterations,
      values: null,
      normalize: true,
      onIteration: report('plain member'),
    });
  if (options.plainOnly) {
    return new SentimentModel(
      spec,
      [{ ...plain(), normalize: true }],
      0.5,
      options.meta ?? {},
      options.lexicon ?? null,
    );
  }
  const nb = fit({
    l2: options.l2Nb ?? 0.1,
    iterations,
    values: nbRatios(rows, labels, 1),
    normalize: true,
    onIteration: report('NB-weighted member'),
  });
  return new SentimentModel(
    spec,
    [
      { ...nb, normalize: true },
      { ...plain(), normalize: true },
    ],
    0.5,
    options.meta ?? {},
    options.lexicon ?? null,
  );
}

/** Hashes the texts and fits the model (scored with a lexicon cut when trained on jieba's); throws when either class is missing. */
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
  const lexicon = options.lexicon ?? lexiconFor(texts, spec) ?? undefined;
  const rows = buildSparseRows(texts, spec, (done) => options.onProgress?.('features', done, texts.length), lexicon);
  return withLexiconCut(trainSentimentRows(rows, labels, { ...options, spec, lexicon }), texts);
}
