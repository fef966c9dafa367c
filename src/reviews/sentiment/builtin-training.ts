/**
 * Trains the built-in review sentiment model from the public corpora in a datasets folder, reproducibly
 * (training visits rows in a seeded order; evaluation folds come from a fixed seed). Chinese: zh-review-sentiment
 * (online_shopping_10_cats, train part); English: en-review-sentiment (Amazon Alexa reviews). With
 * `evaluate` it first measures held-out figures: k-fold cross-validation (mean ± sd), leave-domain-out proxies
 * (hotel reviews; fruit and dairy for food) and English cross-validation against the majority class and a
 * bag-of-words logistic regression on the same folds.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  crossValidate,
  leaveCategoriesOut,
  leaveCategoriesOutSelfTrained,
  type HeldOutScore,
} from './evaluate-sentiment.js';
import { readAlexaReviews, readShoppingReviews, type LabelledReviews } from './labelled-reviews.js';
import { saveSentimentModel } from './model-file.js';
import { selfTrainSentiment } from './self-training.js';
import { buildSparseRows } from './sparse-rows.js';
import { DEFAULT_SENTIMENT_SPEC, trainSentiment } from './train-sentiment.js';

/** Where the corpora sit inside the datasets folder. */
export const SENTIMENT_CORPORA = {
  zh: ['zh-review-sentiment', 'online_shopping_10_cats_train.csv'],
  en: ['en-review-sentiment', 'amazon_alexa.tsv'],
} as const;

/** Settings of {@link trainBuiltinSentiment}. */
export interface BuiltinTrainingOptions {
  /** The shared datasets folder. */
  datasetsDir: string;
  /** Model file to write. */
  out: string;
  /** Measure held-out figures first (several extra trainings). */
  evaluate?: boolean;
  /** Folds of the cross-validation (default 5) and how many of them to run (default all). */
  folds?: number;
  foldLimit?: number;
  /** Unlabelled reviews to self-train the final model on ({@link selfTrainSentiment}); the shipped model has none. */
  unlabelled?: readonly string[];
  /** Progress lines. */
  log?: (line: string) => void;
}

const SEED = 20261206;

const mean = (xs: readonly number[]): number => xs.reduce((a, x) => a + x, 0) / xs.length;
/** Sample standard deviation (n − 1). */
const sd = (xs: readonly number[]): number =>
  xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));
/** Mean and sd of one figure over folds. */
const summary = (xs: readonly number[]) => ({ mean: mean(xs), sd: sd(xs) });
const fmt = (s: { mean: number; sd: number }) => `${s.mean.toFixed(4)} ± ${s.sd.toFixed(4)}`;
/** The adapted figure of a held-out score, for the log. */
const adaptedNote = (s: HeldOutScore): string =>
  s.adaptation
    ? `; --adapt ${s.adaptation.mode}: ${s.adaptation.adapted ? 'adapted' : 'not adapted'} (sure of ${(100 * s.adaptation.confidentShare).toFixed(1)}%), ${s.adaptation.accuracy.toFixed(4)}`
    : '';

/** Trains and writes the model (and, when evaluating, `<out dir>/reviews.eval.json`); returns the figures. */
export function trainBuiltinSentiment(options: BuiltinTrainingOptions): Record<string, unknown> {
  const log = options.log ?? (() => undefined);
  const zhFile = path.join(options.datasetsDir, ...SENTIMENT_CORPORA.zh);
  const enFile = path.join(options.datasetsDir, ...SENTIMENT_CORPORA.en);
  for (const f of [zhFile, enFile]) if (!existsSync(f)) throw new Error(`training corpus not found: ${f}`);
  const zh = readShoppingReviews(zhFile);
  const en = readAlexaReviews(enFile);
  log(`read ${zh.texts.length} Chinese and ${en.texts.length} English labelled reviews`);
  const results: Record<string, unknown> = {};
  if (options.evaluate) {
    const folds = options.folds ?? 5;
    const zhRows = buildSparseRows(zh.texts, DEFAULT_SENTIMENT_SPEC);
    // Each fold also as `daogou sentiment` scores it by default (--adapt auto: the gate should leave it alone).
    const cv = crossValidate(
      zh,
      zhRows,
      folds,
      SEED,
      {},
      options.foldLimit ?? folds,
      (s, f) => log(`zh fold ${f + 1} of ${folds}: accuracy ${s.accuracy.toFixed(4)}${adaptedNote(s)}`),
      'auto',
    );
    const accuracy = summary(cv.map((s) => s.accuracy));
    // The hotel reviews inside each held-out fold: in-domain for hotels, as the 酒店 category is in training.
    const hotels = summary(cv.map((s) => s.byCategory?.['酒店']?.accuracy ?? Number.NaN));
    results.zhCrossValidated = {
      folds: cv.length,
      of: folds,
      accuracy,
      balancedAccuracy: summary(cv.map((s) => s.balancedAccuracy)),
      hotelCategoryAccuracy: hotels,
      perFold: cv,
    };
    log(
      `zh ${cv.length} of ${folds} folds: accuracy ${fmt(accuracy)} (mean ± sd); 酒店 within the folds ${fmt(hotels)}`,
    );
    // The proxies also adapted to the left-out texts, labels hidden (`daogou sentiment --adapt auto`).
    const hotel = leaveCategoriesOut(zh, zhRows, ['酒店'], {}, 'auto');
    results.zhHotelsLeftOut = hotel;
    log(
      `zh hotels left out (trained on the other 9 categories): ${hotel.accuracy.toFixed(4)} on ${hotel.n}${adaptedNote(hotel)}`,
    );
    const food = leaveCategoriesOut(zh, zhRows, ['水果', '蒙牛'], {}, 'auto');
    results.zhFoodLeftOut = food;
    log(`zh fruit + dairy left out: ${food.accuracy.toFixed(4)} on ${food.n}${adaptedNote(food)}`);
    // The same two proxies self-trained on the left-out texts without their labels (not what ships: the
    // built-in model has no unlabelled reviews; what `--unlabelled` gives a store with reviews of a new domain).
    for (const [key, cats] of [
      ['zhHotelsLeftOutSelfTrained', ['酒店']],
      ['zhFoodLeftOutSelfTrained', ['水果', '蒙牛']],
    ] as const) {
      const s = leaveCategoriesOutSelfTrained(zh, cats, {});
      results[key] = s;
      log(
        `zh ${cats.join(' + ')} left out, self-trained on their texts: ${s.accuracy.toFixed(4)} on ${s.n} (${s.pseudoLabelled} pseudo-labelled)`,
      );
    }
    results.enCrossValidated = evaluateEnglish(en, log);
  }
  // One model for both languages: hashed Chinese and English features barely overlap.
  const texts = [...zh.texts, ...en.texts];
  const labels = Uint8Array.from([...zh.labels, ...en.labels]);
  let stage = '';
  const training = {
    meta: { trainedOn: [SENTIMENT_CORPORA.zh.join('/'), SENTIMENT_CORPORA.en.join('/')], texts: texts.length },
    onProgress: (s: string) => {
      if (s !== stage) log(`training: ${(stage = s)}`);
    },
  };
  const model = options.unlabelled
    ? selfTrainSentiment(texts, labels, options.unlabelled, training).model
    : trainSentiment(texts, labels, training);
  mkdirSync(path.dirname(options.out), { recursive: true });
  saveSentimentModel(model, options.out);
  results.modelBytes = statSync(options.out).size;
  log(`wrote ${options.out} (${(statSync(options.out).size / 1e6).toFixed(2)} MB)`);
  if (options.evaluate) {
    writeFileSync(path.join(path.dirname(options.out), 'reviews.eval.json'), `${JSON.stringify(results, null, 2)}\n`);
  }
  return results;
}

/**
 * English 5-fold CV against two baselines on the same folds: the majority class (the corpus is 92%
 * positive) and a bag-of-words logistic regression (binary word unigrams and bigrams, rows scaled to
 * unit length, L2 0.1 — no character n-grams, no NB weighting).
 */
export function evaluateEnglish(corpus: LabelledReviews, log: (line: string) => void): Record<string, unknown> {
  const rows = buildSparseRows(corpus.texts, DEFAULT_SENTIMENT_SPEC);
  const cv = crossValidate(corpus, rows, 5, SEED, {});
  const wordsSpec = { ...DEFAULT_SENTIMENT_SPEC, maxCharGram: 0 };
  const bow = crossValidate(corpus, buildSparseRows(corpus.texts, wordsSpec), 5, SEED, {
    spec: wordsSpec,
    plainOnly: true,
  });
  const positives = corpus.labels.reduce((a, y) => a + y, 0);
  const majority = Math.max(positives, corpus.labels.length - positives) / corpus.labels.length;
  const figures = {
    accuracy: summary(cv.map((s) => s.accuracy)),
    balancedAccuracy: summary(cv.map((s) => s.balancedAccuracy)),
    bagOfWordsAccuracy: summary(bow.map((s) => s.accuracy)),
    bagOfWordsBalancedAccuracy: summary(bow.map((s) => s.balancedAccuracy)),
    majorityAccuracy: majority,
  };
  log(
    `en 5-fold CV accuracy ${fmt(figures.accuracy)}, balanced ${fmt(figures.balancedAccuracy)}; bag-of-words LR ${fmt(figures.bagOfWordsAccuracy)}, balanced ${fmt(figures.bagOfWordsBalancedAccuracy)} (majority class ${majority.toFixed(4)}, balanced 0.5)`,
  );
  return figures;
}
