/** Held-out accuracy of the sentiment trainer: seeded k-fold cross-validation and leave-domains-out splits. */
import { adaptToReviews, type AdaptMode } from './adapt-sentiment.js';
import type { LabelledReviews } from './labelled-reviews.js';
import { decodeSentimentModel, encodeSentimentModel } from './model-file.js';
import type { SentimentModel } from './sentiment-model.js';
import { selfTrainSentiment } from './self-training.js';
import { selectRows, type SparseRows } from './sparse-rows.js';
import { trainSentimentRows, withLexiconCut, type SentimentTrainingOptions } from './train-sentiment.js';

/** Accuracy and counts of one held-out evaluation. */
export interface HeldOutScore {
  /** Fraction of held-out texts labelled correctly. */
  accuracy: number;
  /** Mean of the per-class recalls (meaningful when classes are unbalanced). */
  balancedAccuracy: number;
  /** Held-out texts. */
  n: number;
  /** Accuracy and count per category of the held-out texts (when the corpus has categories). */
  byCategory?: Record<string, { accuracy: number; n: number }>;
  /**
   * When asked for: the model read back from its file (int8, as shipped) and adapted to the held-out texts with
   * their labels hidden, as `daogou sentiment --adapt <mode>` would, scored on them.
   */
  adaptation?: {
    mode: AdaptMode;
    adapted: boolean;
    confidentShare: number;
    pseudoLabelled: number;
    accuracy: number;
    balancedAccuracy: number;
    byCategory?: Record<string, { accuracy: number; n: number }>;
  };
}

/** A seeded permutation of 0..n-1 (mulberry32 + Fisher–Yates). */
export function seededOrder(n: number, seed: number): number[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Scores a model on rows with known labels (and, given each text's category, the accuracy per category). */
export function scoreRows(
  model: SentimentModel,
  texts: readonly string[],
  labels: Uint8Array,
  categories?: readonly string[],
): HeldOutScore {
  let ok = 0;
  const hit = [0, 0];
  const total = [0, 0];
  const groups = new Map<string, { ok: number; n: number }>();
  for (let i = 0; i < texts.length; i++) {
    const y = labels[i]!;
    const predicted = model.probability(texts[i]!) >= model.threshold ? 1 : 0;
    total[y]!++;
    if (predicted === y) {
      ok++;
      hit[y]!++;
    }
    if (categories) {
      const g = groups.get(categories[i]!) ?? { ok: 0, n: 0 };
      g.n++;
      if (predicted === y) g.ok++;
      groups.set(categories[i]!, g);
    }
  }
  const recalls = [0, 1].filter((c) => total[c]! > 0).map((c) => hit[c]! / total[c]!);
  return {
    accuracy: ok / Math.max(1, texts.length),
    balancedAccuracy: recalls.reduce((a, b) => a + b, 0) / Math.max(1, recalls.length),
    n: texts.length,
    ...(categories
      ? { byCategory: Object.fromEntries([...groups].map(([c, g]) => [c, { accuracy: g.ok / g.n, n: g.n }])) }
      : {}),
  };
}

/**
 * Trains on `train` rows and scores on `test` rows of the same corpus (rows hashed once by the caller); with
 * `adapt`, also the adapted model's score on them (`adaptation`).
 */
export function trainAndScore(
  corpus: LabelledReviews,
  rows: SparseRows,
  train: readonly number[],
  test: readonly number[],
  options: SentimentTrainingOptions,
  adapt?: AdaptMode,
): HeldOutScore {
  // Scored as the shipped model is: with the lexicon of the training part's texts when words were cut by jieba.
  const model = withLexiconCut(
    trainSentimentRows(selectRows(rows, train), Uint8Array.from(train.map((i) => corpus.labels[i]!)), options),
    train.map((i) => corpus.texts[i]!),
  );
  const texts = test.map((i) => corpus.texts[i]!);
  const labels = Uint8Array.from(test.map((i) => corpus.labels[i]!));
  const categories =
    corpus.categories.length === corpus.texts.length ? test.map((i) => corpus.categories[i]!) : undefined;
  const score = scoreRows(model, texts, labels, categories);
  if (!adapt) return score;
  const { model: adapted, decision } = adaptToReviews(decodeSentimentModel(encodeSentimentModel(model)), texts, adapt);
  const { accuracy, balancedAccuracy, byCategory } = scoreRows(adapted, texts, labels, categories);
  return {
    ...score,
    adaptation: {
      mode: adapt,
      adapted: decision.adapted,
      confidentShare: decision.novelty.confidentShare,
      pseudoLabelled: decision.pseudoPositive + decision.pseudoNegative,
      accuracy,
      balancedAccuracy,
      ...(byCategory ? { byCategory } : {}),
    },
  };
}

/** k-fold cross-validation over a seeded shuffle; returns one score per fold (only the first `limit` folds are run). */
export function crossValidate(
  corpus: LabelledReviews,
  rows: SparseRows,
  folds: number,
  seed: number,
  options: SentimentTrainingOptions,
  limit = folds,
  onFold?: (score: HeldOutScore, fold: number) => void,
  adapt?: AdaptMode,
): HeldOutScore[] {
  const order = seededOrder(corpus.texts.length, seed);
  const scores: HeldOutScore[] = [];
  for (let f = 0; f < Math.min(folds, limit); f++) {
    const test = order.filter((_, k) => k % folds === f);
    const train = order.filter((_, k) => k % folds !== f);
    scores.push(trainAndScore(corpus, rows, train, test, options, adapt));
    onFold?.(scores[scores.length - 1]!, f);
  }
  return scores;
}

/** Trains without the given categories and scores on them: a proxy for reviews from another domain. */
export function leaveCategoriesOut(
  corpus: LabelledReviews,
  rows: SparseRows,
  categories: readonly string[],
  options: SentimentTrainingOptions,
  adapt?: AdaptMode,
): HeldOutScore {
  const { train, test } = splitByCategories(corpus, categories);
  return trainAndScore(corpus, rows, train, test, options, adapt);
}

/** Review indices outside the given categories (`train`) and inside them (`test`). */
function splitByCategories(
  corpus: LabelledReviews,
  categories: readonly string[],
): { train: number[]; test: number[] } {
  const out = new Set(categories);
  const train: number[] = [];
  const test: number[] = [];
  corpus.categories.forEach((c, i) => (out.has(c) ? test : train).push(i));
  return { train, test };
}

/**
 * As {@link leaveCategoriesOut}, self-trained on the left-out texts without their labels ({@link selfTrainSentiment}):
 * what a store whose unlabelled reviews come from a domain the labelled corpus lacks can expect.
 */
export function leaveCategoriesOutSelfTrained(
  corpus: LabelledReviews,
  categories: readonly string[],
  options: SentimentTrainingOptions,
): HeldOutScore & { pseudoLabelled: number } {
  const { train, test } = splitByCategories(corpus, categories);
  const testTexts = test.map((i) => corpus.texts[i]!);
  const result = selfTrainSentiment(
    train.map((i) => corpus.texts[i]!),
    Uint8Array.from(train.map((i) => corpus.labels[i]!)),
    testTexts,
    options,
  );
  const score = scoreRows(
    result.model,
    testTexts,
    Uint8Array.from(test.map((i) => corpus.labels[i]!)),
    test.map((i) => corpus.categories[i]!),
  );
  return { ...score, pseudoLabelled: result.pseudoPositive + result.pseudoNegative };
}
