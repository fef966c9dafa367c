import { describe, expect, it } from 'vitest';
import { decodeSentimentModel, encodeSentimentModel } from './model-file.js';
import { trainSentiment } from './train-sentiment.js';

const GOOD = ['质量很好', '非常满意', '物流很快', '很喜欢', 'great product', 'love it', '做工精细', '性价比高'];
const BAD = ['质量很差', '非常失望', '物流太慢', '不喜欢', 'terrible product', 'hate it', '做工粗糙', '不值这个价'];

/** Short reviews built from the phrases, two per text, in both classes. */
function corpus(): { texts: string[]; labels: Uint8Array } {
  const texts: string[] = [];
  const labels: number[] = [];
  for (let i = 0; i < GOOD.length; i++) {
    for (let j = 0; j < GOOD.length; j++) {
      if (i === j) continue;
      texts.push(`${GOOD[i]}，${GOOD[j]}`, `${BAD[i]}，${BAD[j]}`);
      labels.push(1, 0);
    }
  }
  return { texts, labels: Uint8Array.from(labels) };
}

describe('trainSentiment', () => {
  const { texts, labels } = corpus();
  const model = trainSentiment(texts, labels, { spec: { hashBits: 16, maxCharGram: 4, words: true }, iterations: 40 });

  it('separates unseen combinations of the phrases', () => {
    expect(model.classify('物流很快，做工精细，非常满意').label).toBe('positive');
    expect(model.classify('做工粗糙，物流太慢').label).toBe('negative');
    expect(model.classify('terrible product, hate it').label).toBe('negative');
    const p = model.classify('很喜欢').score;
    expect(p).toBeGreaterThan(0.5);
    expect(p).toBeLessThan(1);
  });

  it('survives the model file (int8 weights, the members averaged into one) with nearly the same scores', () => {
    const copy = decodeSentimentModel(encodeSentimentModel(model));
    for (const text of ['质量很好', '非常失望', 'love it']) {
      expect(Math.abs(copy.probability(text) - model.probability(text))).toBeLessThan(0.02);
    }
    expect(copy.spec).toEqual(model.spec);
    expect(model.members).toHaveLength(2);
    expect(copy.members).toHaveLength(1); // both divide by √count: stored as one vector of their mean weights
  });

  it('refuses a corpus with one class', () => {
    expect(() => trainSentiment(['好'], Uint8Array.from([1]))).toThrow(/both positive and negative/);
  });
});
