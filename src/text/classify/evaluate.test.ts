/** Stratified folds and the classification metrics. */
import { describe, expect, it } from 'vitest';
import { accuracy, crossValidatePredictions, macroF1, stratifiedFolds } from './evaluate.js';

describe('classification evaluation', () => {
  it('stratified folds keep each label spread evenly and repeat for a seed', () => {
    const labels = [...Array<string>(10).fill('a'), ...Array<string>(5).fill('b')];
    const folds = stratifiedFolds(labels, 5, 1);
    for (let f = 0; f < 5; f++) {
      expect(labels.filter((l, i) => l === 'a' && folds[i] === f)).toHaveLength(2);
      expect(labels.filter((l, i) => l === 'b' && folds[i] === f)).toHaveLength(1);
    }
    expect([...stratifiedFolds(labels, 5, 1)]).toEqual([...folds]);
    expect(() => stratifiedFolds(labels, 1)).toThrow(/folds/);
  });

  it('accuracy and macro-F1 match hand-computed values', () => {
    const truth = ['a', 'a', 'b', 'b'];
    const pred = ['a', 'b', 'b', 'b'];
    expect(accuracy(truth, pred)).toBe(0.75);
    // F1(a) = 2·1/(2·1+0+1) = 2/3; F1(b) = 2·2/(2·2+1+0) = 4/5.
    expect(macroF1(truth, pred)).toBeCloseTo((2 / 3 + 4 / 5) / 2, 10);
  });

  it('cross-validation predicts every example exactly once, out of fold', async () => {
    const texts = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];
    const labels = ['a', 'a', 'a', 'b', 'b', 'b'];
    const predictions = await crossValidatePredictions(texts, labels, 3, (trainTexts, _labels, testTexts) => {
      for (const t of testTexts) expect(trainTexts).not.toContain(t);
      return testTexts.map((t) => `p-${t}`);
    });
    expect(predictions).toEqual(texts.map((t) => `p-${t}`));
  });
});
