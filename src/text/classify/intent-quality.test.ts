/**
 * Quality floors on real data with a fixed seed: Bitext customer-service intents (a stratified 20 %
 * hold-out) and MG-ShopDial utterance intents (5-fold cross-validated macro-F1 above a bag-of-words baseline).
 */
import { describe, expect, it } from 'vitest';
import { datasetPath, missingDatasetMessage } from '../../datasets/location.js';
import { loadBitextIntents, loadShopDialIntents } from '../../datasets/intent-datasets.js';
import { accuracy, crossValidatePredictions, macroF1, stratifiedFolds, trainTextClassifierAsync } from './index.js';
import type { TextClassifierOptions } from './index.js';

const bitext = datasetPath('bitext-intents', 'bitext_train.csv');
if (!bitext) console.warn(missingDatasetMessage('bitext-intents', 'bitext_train.csv'));
const shopdial = datasetPath('mg-shopdial', 'MGShopDial.json');
if (!shopdial) console.warn(missingDatasetMessage('mg-shopdial', 'MGShopDial.json'));

describe.skipIf(!bitext)('text classifier on Bitext intents', () => {
  it('reaches ≥ 0.995 accuracy on a stratified 20 % hold-out (seed 42)', async () => {
    const data = await loadBitextIntents(bitext!);
    const fold = stratifiedFolds(data.labels, 5, 42);
    const train = [...fold.keys()].filter((i) => fold[i] !== 0);
    const test = [...fold.keys()].filter((i) => fold[i] === 0);
    const model = await trainTextClassifierAsync(
      train.map((i) => data.texts[i]!),
      train.map((i) => data.labels[i]!),
      { seed: 42 },
    );
    const predicted = test.map((i) => model.predict(data.texts[i]!).label);
    const acc = accuracy(
      test.map((i) => data.labels[i]!),
      predicted,
    );
    console.log(`bitext hold-out accuracy ${acc.toFixed(4)} on ${test.length} utterances`);
    expect(acc).toBeGreaterThanOrEqual(0.995);
  }, 300_000);
});

describe.skipIf(!shopdial)('text classifier on MG-ShopDial intents', () => {
  it('beats a plain bag-of-words logistic regression in 5-fold macro-F1', async () => {
    const data = loadShopDialIntents(shopdial!);
    const run = async (options: TextClassifierOptions): Promise<number> =>
      macroF1(
        data.labels,
        await crossValidatePredictions(data.texts, data.labels, 5, async (tt, tl, te) => {
          const model = await trainTextClassifierAsync(tt, tl, options);
          return te.map((t) => model.predict(t).label);
        }),
      );
    const ours = await run({ seed: 42 });
    const bow = await run({
      seed: 42,
      features: { charNgrams: [0, 0], wordBigrams: false, idf: false, sublinearTf: false },
    });
    console.log(`MG-ShopDial 5-fold macro-F1: ours ${ours.toFixed(4)}, bag-of-words ${bow.toFixed(4)}`);
    expect(ours).toBeGreaterThanOrEqual(0.33);
    expect(ours).toBeGreaterThan(bow);
  }, 300_000);
});
