/** Evaluation of text classifiers: stratified splits, accuracy and macro-F1. */
import { seededRandom, shuffleInPlace } from '../../math/random.js';

/** Assigns each example to one of `folds` folds, keeping label proportions (seeded). */
export function stratifiedFolds(labels: readonly string[], folds: number, seed = 42): Int32Array {
  if (!Number.isInteger(folds) || folds < 2) throw new Error(`folds must be an integer ≥ 2, got ${folds}`);
  const random = seededRandom(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const list = byLabel.get(l);
    if (list) list.push(i);
    else byLabel.set(l, [i]);
  });
  const fold = new Int32Array(labels.length);
  // Continue the round-robin across labels so small classes do not all land in fold 0.
  let next = 0;
  for (const key of [...byLabel.keys()].sort()) {
    const members = byLabel.get(key)!;
    shuffleInPlace(members, random);
    for (const i of members) fold[i] = next++ % folds;
  }
  return fold;
}

/** Share of predictions equal to the truth. */
export function accuracy(truth: readonly string[], predicted: readonly string[]): number {
  let hit = 0;
  truth.forEach((t, i) => {
    if (predicted[i] === t) hit++;
  });
  return truth.length === 0 ? 0 : hit / truth.length;
}

/** Unweighted mean over the true labels of each label's F1 (labels never true or predicted are ignored). */
export function macroF1(truth: readonly string[], predicted: readonly string[]): number {
  const labels = [...new Set([...truth, ...predicted])];
  let sum = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    truth.forEach((t, i) => {
      const p = predicted[i];
      if (p === label && t === label) tp++;
      else if (p === label) fp++;
      else if (t === label) fn++;
    });
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return labels.length === 0 ? 0 : sum / labels.length;
}

/** Runs k-fold cross-validation: `fitPredict` trains on one part and predicts the other; returns out-of-fold predictions. */
export async function crossValidatePredictions(
  texts: readonly string[],
  labels: readonly string[],
  folds: number,
  fitPredict: (trainTexts: string[], trainLabels: string[], testTexts: string[]) => string[] | Promise<string[]>,
  seed = 42,
): Promise<string[]> {
  const fold = stratifiedFolds(labels, folds, seed);
  const out = new Array<string>(texts.length);
  for (let f = 0; f < folds; f++) {
    const train: number[] = [];
    const test: number[] = [];
    fold.forEach((v, i) => (v === f ? test : train).push(i));
    const predicted = await fitPredict(
      train.map((i) => texts[i]!),
      train.map((i) => labels[i]!),
      test.map((i) => texts[i]!),
    );
    test.forEach((i, k) => {
      out[i] = predicted[k]!;
    });
  }
  return out;
}
