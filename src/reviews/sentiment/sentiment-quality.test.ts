/** The sentiment trainer on real Chinese shopping reviews: a seeded sample, held-out accuracy above a floor. */
import { describe, expect, it } from 'vitest';
import { runInThread } from '../../../test/quality-threads/run-in-thread.js';
import { datasetPath, missingDatasetMessage } from '../../datasets/location.js';

const FILE = ['zh-review-sentiment', 'online_shopping_10_cats_train.csv'];
const file = datasetPath(...FILE);
if (!file) console.warn(missingDatasetMessage(...FILE));

describe.skipIf(!file)('sentiment trainer on zh-review-sentiment', () => {
  it('reaches 0.88 accuracy on 1,500 held-out reviews after training on 4,000 (seeded sample)', async () => {
    // Trained in a worker thread (test/quality-threads/sentiment-sample.ts): see run-in-thread.ts for why.
    const score = await runInThread<{ accuracy: number; n: number }>('sentiment-sample', { file });
    console.log(`held-out accuracy ${score.accuracy.toFixed(4)} on ${score.n}`);
    expect(score.n).toBe(1500);
    expect(score.accuracy).toBeGreaterThanOrEqual(0.88);
  }, 300_000);
});
