import { describe, expect, it } from 'vitest';
import { selfTrainSentiment } from './self-training.js';
import { trainSentiment } from './train-sentiment.js';

const GOOD = ['质量很好', '非常满意', '物流很快', '很喜欢', '做工精细', '性价比高'];
const BAD = ['质量很差', '非常失望', '物流太慢', '不喜欢', '做工粗糙', '不值这个价'];
// Another domain's phrases, never labelled: they occur beside phrases the labelled reviews taught.
const NEW_GOOD = ['房间干净', '早餐丰盛'];
const NEW_BAD = ['隔音差劲', '床单发霉'];
const spec = { hashBits: 16, maxCharGram: 4, words: true };

function labelled(): { texts: string[]; labels: Uint8Array } {
  const texts: string[] = [];
  const labels: number[] = [];
  for (let i = 0; i < GOOD.length; i++)
    for (let j = 0; j < GOOD.length; j++) {
      if (i === j) continue;
      texts.push(`${GOOD[i]}，${GOOD[j]}`, `${BAD[i]}，${BAD[j]}`);
      labels.push(1, 0);
    }
  return { texts, labels: Uint8Array.from(labels) };
}

const unlabelled = GOOD.flatMap((g, i) => [
  `${NEW_GOOD[i % 2]}，${g}`,
  `${g}，${NEW_GOOD[(i + 1) % 2]}`,
  `${NEW_BAD[i % 2]}，${BAD[i]}`,
  `${BAD[i]}，${NEW_BAD[(i + 1) % 2]}`,
]);

describe('selfTrainSentiment', () => {
  const { texts, labels } = labelled();
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
