import { describe, expect, it } from 'vitest';
import { spiky } from '../../test/helpers/spiky-series.js';
import { rmsse } from './accuracy.js';
import { NaiveModel } from './models/simple-models.js';
import { seededRandom } from '../math/random.js';
import { fitNeuralGlobalModel, joinNeuralParts, LAGS, neuralGlobalForecast } from './neural-global-model.js';

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

  it('fitted in parts of its seeds and joined, gives the forecasts of one fit of them all', () => {
    const train = spiky(60, 40, 3).map((y) => y.subarray(0, 36));
    const steps = 60;
    const whole = fitNeuralGlobalModel(train, 4, 1, 1, { seeds: 3, steps })!;
    const joined = joinNeuralParts([
      fitNeuralGlobalModel(train, 4, 1, 1, { firstSeed: 0, seeds: 2, steps }),
      fitNeuralGlobalModel(train, 4, 1, 1, { firstSeed: 2, seeds: 1, steps }),
    ])!;
    expect(joined.nets).toHaveLength(3);
    for (const y of train.slice(0, 5))
      expect(Array.from(neuralGlobalForecast(joined, y, 4, true))).toEqual(
        Array.from(neuralGlobalForecast(whole, y, 4, true)),
      );
    expect(joinNeuralParts([whole, undefined])).toBeUndefined();
  });

  it('reads back further than half a year: a spike every 40 periods is forecast from the one before', () => {
    // Three times the level for 4 periods in every 40, each series at its own phase: the spike due in the next 8
    // periods showed 32-39 periods back, which 26 lags never see (the flat ratio was 0.67 with them) and 52 do.
    expect(LAGS).toBeGreaterThanOrEqual(40);
    const rand = seededRandom(5);
    const series = Array.from({ length: 150 }, () => {
      const level = 5 + rand() * 50;
      const phase = Math.floor(rand() * 40);
      return Float64Array.from({ length: 128 }, (_, t) =>
        Math.round(level * ((t + phase) % 40 < 4 ? 3 : 1) * (0.8 + 0.4 * rand())),
      );
    });
    const train = series.map((y) => y.subarray(0, 120));
    const model = fitNeuralGlobalModel(train, 8, 1, 1, { seeds: 1, steps: 600 })!;
    let pooled = 0;
    let flat = 0;
    series.forEach((y, i) => {
      const tr = train[i]!;
      pooled += rmsse(tr, y.subarray(120), neuralGlobalForecast(model, tr, 8, true));
      const mean8 = tr.subarray(112).reduce((a, v) => a + v, 0) / 8;
      flat += rmsse(tr, y.subarray(120), new Float64Array(8).fill(mean8));
    });
    // 0.38 of the flat forecast's error with 52 lags.
    expect(pooled).toBeLessThan(0.5 * flat);
  });

  it('declines when there are too few rows to learn from', () => {
    expect(fitNeuralGlobalModel(spiky(2, 12, 2), 4, 1)).toBeUndefined();
  });

  it('forecasts zeros for a series that never sold', () => {
    const model = fitNeuralGlobalModel(spiky(50, 40, 3), 4, 1, 1, { seeds: 1, steps: 100 })!;
    expect(Array.from(neuralGlobalForecast(model, new Float64Array(20), 4, true))).toEqual([0, 0, 0, 0]);
  });
});
