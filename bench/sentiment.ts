/**
 * Sentiment benchmark: reviews scored per second on one core (the main thread) by the built-in model,
 * against baselines measured in the same run — the same weights with words cut by jieba (the previous
 * path) and the same weights over character n-grams alone (no word cut) —
 * plus held-out accuracy when the labelled corpus is present (last 20% of a seeded shuffle is NOT unseen
 * by the shipped model, so accuracy here is only a sanity check; daogou sentiment-train --builtin --evaluate
 * gives the held-out figures). Rates are per wall-clock second and per CPU-second of the process (the
 * same on an idle core; on a shared machine the second leaves out the time spent waiting for a core).
 * `--baseline-model FILE` adds another model file (e.g. the previously shipped one) as a row of the same run.
 * `npm run bench -- sentiment [--reviews 20000] [--runs 3] [--baseline-model FILE]`
 */
import { loadavg } from 'node:os';
import { datasetPath } from '../src/datasets/location.js';
import { builtinSentimentModel, loadSentimentModel, SentimentModel } from '../src/reviews/index.js';
import { readShoppingReviews } from '../src/reviews/sentiment/labelled-reviews.js';
import { seededOrder } from '../src/reviews/sentiment/evaluate-sentiment.js';
import { median, writeReport, type BenchRow } from './report.js';

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** Demo-like reviews when the corpus is absent: sentences of typical length in both languages. */
function syntheticReviews(n: number): string[] {
  const parts = [
    '质量很好',
    '物流很快',
    '客服态度不错',
    '尺码偏小',
    '颜色和图片一样',
    'the fit is great',
    'shipping was slow',
  ];
  return Array.from({ length: n }, (_, i) => `${parts[i % 7]}，${parts[(i * 3 + 1) % 7]}，${parts[(i * 5 + 2) % 7]}。`);
}

/** Runs the benchmark. */
export default async function run(args: string[]): Promise<void> {
  const n = arg(args, 'reviews', 20000);
  const runs = arg(args, 'runs', 3);
  const file = datasetPath('zh-review-sentiment', 'online_shopping_10_cats_train.csv');
  const corpus = file ? readShoppingReviews(file) : null;
  const texts = corpus
    ? seededOrder(corpus.texts.length, 7)
        .slice(0, n)
        .map((i) => corpus.texts[i]!)
    : syntheticReviews(n);
  const model = builtinSentimentModel();
  const charsOnly = new SentimentModel({ ...model.spec, words: false }, model.members, model.threshold);
  const jiebaCut = new SentimentModel({ ...model.spec, wordCut: 'jieba' }, model.members, model.threshold);
  const baselineFile = args.includes('--baseline-model') ? args[args.indexOf('--baseline-model') + 1] : undefined;
  const rows: BenchRow[] = [];
  const load = [loadavg()[0]!];
  const scorers: [string, SentimentModel][] = [
    [`built-in (char 1–5-grams + words cut by ${model.spec.wordCut === 'lexicon' ? 'its lexicon' : 'jieba'})`, model],
    ['baseline: same weights, words cut by jieba', jiebaCut],
    ['baseline: same weights, char n-grams only', charsOnly],
  ];
  if (baselineFile) scorers.splice(1, 0, [`baseline: ${baselineFile}`, loadSentimentModel(baselineFile)]);
  for (const [name, m] of scorers) {
    m.probability(texts[0]!); // loads jieba's dictionary outside the timing
    const rates: number[] = [];
    const cpuRates: number[] = [];
    let sink = 0;
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      for (const text of texts) sink += m.probability(text);
      const used = process.cpuUsage(cpu);
      rates.push(texts.length / ((performance.now() - t) / 1000));
      // CPU time of this process: on a shared machine wall time counts the waits for a core too.
      cpuRates.push(texts.length / ((used.user + used.system) / 1e6));
    }
    load.push(loadavg()[0]!);
    rows.push({
      model: name,
      reviews: texts.length,
      'reviews/s (median)': Math.round(median(rates)),
      'reviews per CPU-second (median)': Math.round(median(cpuRates)),
    });
    if (Number.isNaN(sink)) throw new Error('a score was NaN');
  }
  const avgChars = texts.reduce((a, t) => a + t.length, 0) / texts.length;
  writeReport('sentiment', rows, {
    corpus: corpus ? 'zh-review-sentiment' : 'synthetic',
    avgChars,
    threads: 1,
    runs,
    loadAverage1m: load.map((l) => Number(l.toFixed(2))),
  });
}
