/** The sentiment trainer on real Chinese shopping reviews: a seeded sample, held-out accuracy above a floor. */
import { describe, expect, it } from 'vitest';
import { datasetPath, missingDatasetMessage } from '../../datasets/location.js';
import { scoreRows, seededOrder } from './evaluate-sentiment.js';
import { readShoppingReviews } from './labelled-reviews.js';
import { trainSentiment } from './train-sentiment.js';

const FILE = ['zh-review-sentiment', 'online_shopping_10_cats_train.csv'];
const file = datasetPath(...FILE);
if (!file) console.warn(missingDatasetMessage(...FILE));

describe.skipIf(!file)('sentiment trainer on zh-review-sentiment', () => {
  it('reaches 0.88 accuracy on 1,500 held-out reviews after training on 4,000 (seeded sample)', () => {
    const corpus = readShoppingReviews(file!);
    const order = seededOrder(corpus.texts.length, 21);
    const pick = (ids: number[]) => ({
      texts: ids.map((i) => corpus.texts[i]!),
      labels: Uint8Array.from(ids.map((i) => corpus.labels[i]!)),
    });
    const train = pick(order.slice(0, 4000));
    const test = pick(order.slice(4000, 5500));
    const model = trainSentiment(train.texts, train.labels, { iterations: 30 });
    const score = scoreRows(model, test.texts, test.labels);
    console.log(`held-out accuracy ${score.accuracy.toFixed(4)} on ${score.n}`);
    expect(score.accuracy).toBeGreaterThanOrEqual(0.88);
  }, 300_000);
});
