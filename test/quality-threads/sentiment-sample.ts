/** Thread side of src/reviews/sentiment/sentiment-quality.test.ts: train on a seeded 4,000, score the next 1,500. */
import { scoreRows, seededOrder } from '../../src/reviews/sentiment/evaluate-sentiment.js';
import { readShoppingReviews } from '../../src/reviews/sentiment/labelled-reviews.js';
import { trainSentiment } from '../../src/reviews/sentiment/train-sentiment.js';
import { postResult } from './post-result.js';

await postResult(({ file }: { file: string }) => {
  const corpus = readShoppingReviews(file);
  const order = seededOrder(corpus.texts.length, 21);
  const pick = (ids: number[]) => ({
    texts: ids.map((i) => corpus.texts[i]!),
    labels: Uint8Array.from(ids.map((i) => corpus.labels[i]!)),
  });
  const train = pick(order.slice(0, 4000));
  const test = pick(order.slice(4000, 5500));
  const model = trainSentiment(train.texts, train.labels, { iterations: 30 });
  const score = scoreRows(model, test.texts, test.labels);
  return { accuracy: score.accuracy, n: score.n };
});
