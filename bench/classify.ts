/**
 * `npm run bench -- classify [--folds 5]`: the text classifier on real intent data, each beside baselines
 * measured in the same run — Bitext customer-service intents (stratified k-fold accuracy and macro-F1,
 * training seconds) and MG-ShopDial utterance intents (k-fold macro-F1). Baselines: the majority class
 * and a plain bag-of-words logistic regression (word counts, same optimiser). Skips absent datasets.
 */
import { datasetPath, missingDatasetMessage } from '../src/datasets/location.js';
import { loadBitextIntents, loadShopDialIntents } from '../src/datasets/intent-datasets.js';
import type { LabelledTexts } from '../src/datasets/intent-datasets.js';
import { accuracy, crossValidatePredictions, macroF1, trainTextClassifier } from '../src/text/classify/index.js';
import type { TextClassifierOptions } from '../src/text/classify/index.js';
import { writeReport, type BenchRow } from './report.js';

const SEED = 42;
const BAG_OF_WORDS: TextClassifierOptions = {
  seed: SEED,
  features: { charNgrams: [0, 0], wordBigrams: false, idf: false, sublinearTf: false },
};
const round = (v: number): number => Number(v.toPrecision(4));

function majority(labels: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

async function evaluate(dataset: string, data: LabelledTexts, folds: number): Promise<BenchRow[]> {
  const models: Array<[string, TextClassifierOptions | null]> = [
    ['majority class', null],
    ['bag-of-words LR', BAG_OF_WORDS],
    ['daogou (char 1-4 + words, TF-IDF, LR)', { seed: SEED }],
  ];
  const rows: BenchRow[] = [];
  for (const [name, options] of models) {
    let trainSeconds = 0;
    const started = performance.now();
    const predicted = await crossValidatePredictions(
      data.texts,
      data.labels,
      folds,
      (tt, tl, te) => {
        if (!options) return te.map(() => majority(tl));
        const t0 = performance.now();
        const model = trainTextClassifier(tt, tl, options);
        trainSeconds += (performance.now() - t0) / 1000;
        return te.map((t) => model.predict(t).label);
      },
      SEED,
    );
    const seconds = (performance.now() - started) / 1000;
    const row: BenchRow = {
      dataset,
      model: name,
      utterances: data.texts.length,
      labels: new Set(data.labels).size,
      folds,
      accuracy: round(accuracy(data.labels, predicted)),
      'macro-F1': round(macroF1(data.labels, predicted)),
      'train s / fold': round(trainSeconds / folds),
      'predict ms / utterance': round(((seconds - trainSeconds) * 1000) / data.texts.length),
    };
    console.error(`${dataset} · ${name}: accuracy ${row.accuracy}, macro-F1 ${row['macro-F1']}`);
    rows.push(row);
  }
  return rows;
}

/** Runs the benchmark. */
export default async function classifyBench(args: string[]): Promise<void> {
  const at = args.indexOf('--folds');
  const folds = at >= 0 ? Number(args[at + 1]) : 5;
  const rows: BenchRow[] = [];
  const bitext = datasetPath('bitext-intents', 'bitext_train.csv');
  if (bitext) rows.push(...(await evaluate('bitext-intents', await loadBitextIntents(bitext), folds)));
  else console.warn(missingDatasetMessage('bitext-intents', 'bitext_train.csv'));
  const shopdial = datasetPath('mg-shopdial', 'MGShopDial.json');
  if (shopdial) rows.push(...(await evaluate('mg-shopdial', loadShopDialIntents(shopdial), folds)));
  else console.warn(missingDatasetMessage('mg-shopdial', 'MGShopDial.json'));
  writeReport('classify', rows, { seed: SEED });
}
