/**
 * Trains the built-in review sentiment model from the shared datasets, reproducibly (no randomness in
 * training; the evaluation's folds come from a fixed seed):
 *
 *   nice -n 10 npx tsx scripts/train-sentiment.ts [--evaluate] [--folds N] [--out models/sentiment/reviews.dgsent]
 *
 * Chinese: zh-review-sentiment (online_shopping_10_cats train part); English: en-review-sentiment
 * (Amazon Alexa reviews). With --evaluate it first prints held-out figures: k-fold cross-validation,
 * leave-domain-out proxies (hotel reviews; fruit and dairy for food), and English cross-validation.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { datasetPath, missingDatasetMessage } from '../src/datasets/location.js';
import { BUILTIN_SENTIMENT_MODEL, saveSentimentModel } from '../src/reviews/index.js';
import { crossValidate, leaveCategoriesOut, type HeldOutScore } from '../src/reviews/sentiment/evaluate-sentiment.js';
import {
  readAlexaReviews,
  readShoppingReviews,
  type LabelledReviews,
} from '../src/reviews/sentiment/labelled-reviews.js';
import { buildSparseRows } from '../src/reviews/sentiment/sparse-rows.js';
import { DEFAULT_SENTIMENT_SPEC, trainSentiment } from '../src/reviews/sentiment/train-sentiment.js';

const { values } = parseArgs({
  options: {
    evaluate: { type: 'boolean', default: false },
    folds: { type: 'string', default: '5' },
    'fold-limit': { type: 'string' },
    out: { type: 'string', default: BUILTIN_SENTIMENT_MODEL },
  },
});

const ZH = ['zh-review-sentiment', 'online_shopping_10_cats_train.csv'];
const EN = ['en-review-sentiment', 'amazon_alexa.tsv'];
const zhFile = datasetPath(...ZH);
const enFile = datasetPath(...EN);
if (!zhFile || !enFile) {
  console.error(missingDatasetMessage(...(zhFile ? EN : ZH)));
  process.exit(1);
}
const zh = readShoppingReviews(zhFile);
const en = readAlexaReviews(enFile);
const log = (line: string): void => void process.stderr.write(`${line}\n`);
log(`read ${zh.texts.length} Chinese and ${en.texts.length} English labelled reviews`);

const mean = (scores: HeldOutScore[], key: keyof HeldOutScore): number =>
  scores.reduce((a, s) => a + s[key], 0) / scores.length;

if (values.evaluate) {
  const folds = Number(values.folds);
  const limit = values['fold-limit'] ? Number(values['fold-limit']) : folds;
  const results: Record<string, unknown> = {};
  const zhRows = buildSparseRows(zh.texts, DEFAULT_SENTIMENT_SPEC);
  const cv = crossValidate(zh, zhRows, folds, 20261206, {}, limit);
  results.zhCrossValidated = {
    folds: cv.length,
    of: folds,
    accuracy: mean(cv, 'accuracy'),
    perFold: cv.map((s) => s.accuracy),
  };
  log(`zh ${cv.length}/${folds}-fold CV accuracy ${mean(cv, 'accuracy').toFixed(4)}`);
  const hotel = leaveCategoriesOut(zh, zhRows, ['酒店'], {});
  results.zhHotelsLeftOut = hotel;
  log(`zh hotels left out (trained on the 9 other categories): ${hotel.accuracy.toFixed(4)} on ${hotel.n}`);
  const food = leaveCategoriesOut(zh, zhRows, ['水果', '蒙牛'], {});
  results.zhFoodLeftOut = food;
  log(`zh fruit + dairy left out: ${food.accuracy.toFixed(4)} on ${food.n}`);
  const enCv = evaluateEnglish(en);
  results.enCrossValidated = enCv;
  writeFileSync(path.join(path.dirname(values.out), 'reviews.eval.json'), `${JSON.stringify(results, null, 2)}\n`);
}

/** English CV against two baselines measured in the same run: the majority class and the NB-weighted member alone. */
function evaluateEnglish(corpus: LabelledReviews): Record<string, number> {
  const rows = buildSparseRows(corpus.texts, DEFAULT_SENTIMENT_SPEC);
  const cv = crossValidate(corpus, rows, 5, 20261206, {});
  const positives = corpus.labels.reduce((a, y) => a + y, 0);
  const majority = Math.max(positives, corpus.labels.length - positives) / corpus.labels.length;
  log(
    `en 5-fold CV accuracy ${mean(cv, 'accuracy').toFixed(4)}, balanced ${mean(cv, 'balancedAccuracy').toFixed(4)} (majority class: ${majority.toFixed(4)}, balanced 0.5)`,
  );
  return { accuracy: mean(cv, 'accuracy'), balancedAccuracy: mean(cv, 'balancedAccuracy'), majorityAccuracy: majority };
}

// The shipped model learns from both languages at once: hashed features of Chinese and English barely overlap.
const texts = [...zh.texts, ...en.texts];
const labels = Uint8Array.from([...zh.labels, ...en.labels]);
let lastStage = '';
const model = trainSentiment(texts, labels, {
  meta: {
    trainedOn: [ZH.join('/'), EN.join('/')],
    texts: texts.length,
    script: 'scripts/train-sentiment.ts',
  },
  onProgress: (stage) => {
    if (stage !== lastStage) log(`training: ${(lastStage = stage)}`);
  },
});
mkdirSync(path.dirname(values.out), { recursive: true });
saveSentimentModel(model, values.out);
log(`wrote ${values.out} (${(statSync(values.out).size / 1e6).toFixed(2)} MB)`);
