import { describe, expect, it } from 'vitest';
import { selfTrainSentiment } from './self-training.js';
import { trainSentiment } from './train-sentiment.js';
import { labelledPairs, NEW_BAD, NEW_GOOD, UNLABELLED as unlabelled } from './fixtures/two-domains.js';

const spec = { hashBits: 16, maxCharGram: 4, words: true };

describe('selfTrainSentiment', () => {
  const { texts, labels } = labelledPairs();
  const options = { spec, iterations: 40 };
  const first = trainSentiment(texts, labels, options);
  const result = selfTrainSentiment(texts, labels, [...unlabelled, ''], options);

  it('pseudo-labels the confident unlabelled texts and records it', () => {
    expect(result.unlabelled).toBe(unlabelled.length + 1);
    expect(result.pseudoPositive).toBeGreaterThan(0);
    expect(result.pseudoNegative).toBeGreaterThan(0);
    expect(result.pseudoPositive + result.pseudoNegative).toBeLessThanOrEqual(unlabelled.length);
    expect(result.model.meta.selfTrained).toMatchObject({ unlabelled: unlabelled.length + 1, margin: 1 });
  });

  it("learns the other domain's phrases from the pseudo-labels", () => {
    for (const text of NEW_GOOD) expect(result.model.probability(text)).toBeGreaterThan(first.probability(text));
    for (const text of NEW_BAD) expect(result.model.probability(text)).toBeLessThan(first.probability(text));
    expect(result.model.classify('房间干净，早餐丰盛').label).toBe('positive');
    expect(result.model.classify('隔音差劲，床单发霉').label).toBe('negative');
  });

  it('keeps no pseudo-label below the margin', () => {
    const strict = selfTrainSentiment(texts, labels, unlabelled, { ...options, margin: 1e6 });
    expect(strict.pseudoPositive + strict.pseudoNegative).toBe(0);
  });
});
