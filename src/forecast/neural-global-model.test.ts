import { describe, expect, it } from 'vitest';
import { spiky } from '../../test/helpers/spiky-series.js';
import { rmsse } from './accuracy.js';
import { NaiveModel } from './models/simple-models.js';
import { fitNeuralGlobalModel, neuralGlobalForecast } from './neural-global-model.js';

describe('the neural global model', () => {
  it('pools series of any size, beats the last value on unseen periods, and is reproducible', () => {
    const series = spiky(120, 60, 1);
    const train = series.map((y) => y.subarray(0, 52));
    // One network of 600 steps (the default averages three of 2,000) keeps the test quick.
    const effort = { seeds: 1, steps: 600 };
    const model = fitNeuralGlobalModel(train, 8, 1, 1, effort)!;
    expect(model).toBeDefined();
    let pooled = 0;
    let naive = 0;
    series.forEach((y, i) => {
      const f = neuralGlobalForecast(model, train[i]!, 8, true);
      expect(f.every((v) => v >= 0)).toBe(true);
      pooled += rmsse(train[i]!, y.subarray(52), f);
      naive += rmsse(train[i]!, y.subarray(52), new NaiveModel().fit(train[i]!).forecast(8));
    });
    // 0.82 of the naive error with seed 1 (the boosted trees: 0.82 too).
    expect(pooled).toBeLessThan(0.85 * naive);
    const again = fitNeuralGlobalModel(train, 8, 1, 1, effort)!;
    expect(Array.from(neuralGlobalForecast(again, train[0]!, 8, true))).toEqual(
      Array.from(neuralGlobalForecast(model, train[0]!, 8, true)),
    );
  });

  it('declines when there are too few rows to learn from', () => {
    expect(fitNeuralGlobalModel(spiky(2, 12, 2), 4, 1)).toBeUndefined();
  });

  it('forecasts zeros for a series that never sold', () => {
    const model = fitNeuralGlobalModel(spiky(50, 40, 3), 4, 1, 1, { seeds: 1, steps: 100 })!;
    expect(Array.from(neuralGlobalForecast(model, new Float64Array(20), 4, true))).toEqual([0, 0, 0, 0]);
  });
});
