import { describe, expect, it } from 'vitest';
import { spiky } from '../../test/helpers/spiky-series.js';
import { rmsse } from './accuracy.js';
import { boostedGlobalForecast, fitBoostedGlobalModel } from './boosted-global-model.js';
import { NaiveModel } from './models/simple-models.js';

describe('the boosted global model', () => {
  it('pools series of any size and beats the last value on unseen periods', () => {
    const series = spiky(120, 60, 1);
    const train = series.map((y) => y.subarray(0, 52));
    const model = fitBoostedGlobalModel(train, 8, 1)!;
    expect(model).toBeDefined();
    let pooled = 0;
    let naive = 0;
    series.forEach((y, i) => {
      const f = boostedGlobalForecast(model, train[i]!, 8, true);
      expect(f.every((v) => v >= 0)).toBe(true);
      pooled += rmsse(train[i]!, y.subarray(52), f);
      naive += rmsse(train[i]!, y.subarray(52), new NaiveModel().fit(train[i]!).forecast(8));
    });
    // 0.82 of the naive error with seed 1.
    expect(pooled).toBeLessThan(0.85 * naive);
  });

  it('declines when there are too few rows to learn from', () => {
    expect(fitBoostedGlobalModel(spiky(2, 12, 2), 4, 1)).toBeUndefined();
  });

  it('forecasts zeros for a series that never sold', () => {
    const model = fitBoostedGlobalModel(spiky(50, 40, 3), 4, 1)!;
    expect(Array.from(boostedGlobalForecast(model, new Float64Array(20), 4, true))).toEqual([0, 0, 0, 0]);
  });
});
