import { describe, expect, it } from 'vitest';
import { seededRandom } from '../math/random.js';
import { forecastBatch } from './forecast-batch.js';

/** Series with skewed, heavy-tailed noise (log-normal demand): normal intervals from in-sample errors miss it. */
function skewed(count: number, n: number, seed: number): Float64Array[] {
  const rand = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Array.from({ length: count }, () => {
    const level = 20 + rand() * 200;
    return Float64Array.from({ length: n }, () => Math.round(level * Math.exp(0.5 * gauss())));
  });
}

function coverage(series: Float64Array[], fit: number, h: number, calibrate: boolean): number[] {
  const { forecasts } = forecastBatch(
    series.map((y) => y.subarray(0, fit)),
    { h, m: 1, levels: [80, 95], global: false, calibrate },
  );
  const hits = [0, 0];
  forecasts.forEach((f, i) =>
    f.intervals.forEach((interval, j) => {
      for (let k = 0; k < h; k++) {
        const actual = series[i]![fit + k]!;
        if (actual >= interval.lower[k]! && actual <= interval.upper[k]!) hits[j]!++;
      }
    }),
  );
  return hits.map((c) => c / (series.length * h));
}

describe('intervals calibrated on pooled backtest errors', () => {
  it('cover close to their level on held-out periods, and closer than normal intervals', () => {
    const series = skewed(150, 60, 11);
    const [c80, c95] = coverage(series, 52, 8, true);
    expect(c80!).toBeGreaterThan(0.74);
    expect(c80!).toBeLessThan(0.88);
    expect(c95!).toBeGreaterThan(0.91);
    const [n80, n95] = coverage(series, 52, 8, false);
    expect(Math.abs(c80! - 0.8) + Math.abs(c95! - 0.95)).toBeLessThan(Math.abs(n80! - 0.8) + Math.abs(n95! - 0.95));
  });

  it('keeps bounds of sales non-negative and ordered around the mean', () => {
    const { forecasts, calibrated } = forecastBatch(skewed(40, 40, 3), { h: 4, m: 1, global: false });
    expect(calibrated).toBe(true);
    for (const f of forecasts)
      for (let k = 0; k < 4; k++) {
        expect(f.intervals[0]!.lower[k]!).toBeGreaterThanOrEqual(0);
        expect(f.intervals[0]!.lower[k]!).toBeLessThanOrEqual(f.mean[k]!);
        expect(f.intervals[1]!.upper[k]!).toBeGreaterThanOrEqual(f.intervals[0]!.upper[k]!);
      }
  });
});
