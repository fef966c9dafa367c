import { describe, expect, it } from 'vitest';
import { runInThread } from '../../test/quality-threads/run-in-thread.js';
import { datasetPath, missingDatasetMessage } from '../datasets/location.js';
import { autoForecast } from './auto-forecast.js';
import { errorsBefore } from './backtest.js';
import { EtsModel } from './models/ets.js';
import { NaiveModel, WindowMeanModel } from './models/simple-models.js';

function noisy(n: number, seed: number): Float64Array {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Float64Array.from({ length: n }, (_, i) => 20 + 0.1 * i + (rand() - 0.5) * 8);
}

describe('automatic forecasts', () => {
  it('combines backtested candidates with weights that sum to one', () => {
    const f = autoForecast(noisy(60, 3), { h: 6, m: 1 });
    expect(f.mean).toHaveLength(6);
    expect(f.components.reduce((a, c) => a + c.weight, 0)).toBeCloseTo(1, 9);
    expect(f.components.length).toBeGreaterThan(1);
    expect(f.latestBacktest?.cut).toBe(54);
  });

  it('gives intervals that hold the forecast, widen with the level and stay non-negative for sales', () => {
    const y = Float64Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 0 : 2 + (i % 5)));
    const f = autoForecast(y, { h: 4, m: 1, levels: [80, 95] });
    const [i80, i95] = f.intervals;
    for (let k = 0; k < 4; k++) {
      expect(i80!.lower[k]!).toBeLessThanOrEqual(f.mean[k]!);
      expect(i80!.upper[k]!).toBeGreaterThanOrEqual(f.mean[k]!);
      expect(i95!.upper[k]!).toBeGreaterThan(i80!.upper[k]!);
      expect(i95!.lower[k]!).toBeGreaterThanOrEqual(0);
    }
  });

  it('handles constant, empty and very short series without failing', () => {
    expect(Array.from(autoForecast(new Float64Array(10).fill(3), { h: 2, m: 1 }).mean)).toEqual([3, 3]);
    expect(Array.from(autoForecast(new Float64Array(0), { h: 2, m: 1 }).mean)).toEqual([0, 0]);
    expect(autoForecast(Float64Array.from([1, 2]), { h: 3, m: 12 }).mean).toHaveLength(3);
  });

  it('uses only the candidates it is given', () => {
    const f = autoForecast(noisy(30, 5), { h: 3, m: 1, models: [new EtsModel('N', 'N')] });
    expect(f.components.map((c) => c.model)).toEqual(['ets(N,N)']);
  });
});

const uci = datasetPath('uci-sales-weekly', 'Sales_Transactions_Dataset_Weekly.csv');
if (!uci) console.warn(missingDatasetMessage('uci-sales-weekly'));

describe.skipIf(!uci)('quality on UCI weekly sales (fit weeks 0–43, forecast 8)', () => {
  it('scores a mean RMSSE below simple exponential smoothing (0.912 in statsmodels) with every pooled model', async () => {
    // Fitted in a worker thread (test/quality-threads/uci-forecast.ts): see run-in-thread.ts for why.
    const r = await runInThread<{ ours: number; ses: number; blend?: string; shares?: Record<string, number> }>(
      'uci-forecast',
      { file: uci },
    );
    // 0.8919 with the blends weighted by their backtest scores (local 0.37, ridge 0.14, trees 0.28, network 0.21;
    // the best blend is the trees and the network), with the batch's total among the ridge's features; 0.8924
    // without them, 0.8913 with the hard pick of all three in equal parts, 0.8961 with the ridge and the trees,
    // 0.9004 with the ridge alone, 0.9049 local alone. The weighting and the ridge's features were chosen on
    // validation windows, not on these test weeks.
    expect(r.ours).toBeLessThan(0.894);
    expect(r.ours).toBeLessThan(r.ses);
    expect(r.blend).toBe('boosted+neural');
    expect(Object.values(r.shares ?? {}).filter((share) => share > 0.1)).toHaveLength(4);
    // Three pooled models fitted twice each: under a minute on idle cores, over ten at load 25 under nice.
  }, 900_000);
});

describe('the latest backtest origin', () => {
  it('counts only errors observable before it: earlier origins, on periods before it', () => {
    const run = {
      sse: 0,
      count: 0,
      stepSse: new Float64Array(4),
      // Origins 10, 8 and 6 of a series of 14, h 4: forecasts of 4, 4 and 4 periods; every error is 1.
      forecasts: new Float64Array(12).fill(1),
      actuals: new Float64Array(12).fill(2),
      origins: [10, 8, 6],
    };
    // Origin 8 sees periods 8 and 9 before 10; origin 6 sees 6 to 9; origin 10 itself sees nothing.
    expect(errorsBefore(run, 4, 14, 10)).toEqual({ sse: 6, count: 6 });
    expect(errorsBefore(run, 4, 14, 6)).toEqual({ sse: 0, count: 0 });
  });

  it('weights its combination from earlier origins, so the window it is judged on stays unseen', () => {
    // A steady climb (the last value wins every earlier origin) that falls back to the long mean in the last window.
    const y = Float64Array.from({ length: 60 }, (_, i) => (i < 54 ? i : 26.5));
    const f = autoForecast(y, { h: 6, m: 1, models: [new NaiveModel(), new WindowMeanModel(0)] });
    expect(f.latestBacktest?.cut).toBe(54);
    // Before period 54 the naive forecast was far better, so it carries the latest origin's forecast (53)…
    expect(f.latestBacktest!.forecast[0]!).toBeGreaterThan(50);
    // …where the final weights, which have seen that window, would have mixed in much more of the mean (26.5).
    const weight = (name: string) => f.components.find((c) => c.model === name)!.weight;
    const withSeenWeights = weight('naive') * 53 + weight('mean') * 26.5;
    expect(f.latestBacktest!.forecast[0]!).toBeGreaterThan(withSeenWeights + 5);
  });
});
