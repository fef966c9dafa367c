/** Empirical coverage of forecast intervals on held-out periods: the share of actuals inside each level's bounds. */
import type { SeriesForecast } from '../src/forecast/auto-forecast.js';

/** Per interval level (in the forecasts' order), the share of held-out actuals inside the interval. */
export function coverage(forecasts: readonly SeriesForecast[], actuals: readonly ArrayLike<number>[]): number[] {
  const hits: number[] = [];
  let count = 0;
  forecasts.forEach((f, i) => {
    const a = actuals[i]!;
    const steps = Math.min(a.length, f.mean.length);
    count += steps;
    f.intervals.forEach((interval, j) => {
      for (let k = 0; k < steps; k++)
        if (a[k]! >= interval.lower[k]! && a[k]! <= interval.upper[k]!) hits[j] = (hits[j] ?? 0) + 1;
    });
  });
  return hits.map((c) => Number((c / Math.max(count, 1)).toFixed(3)));
}

/** "0.80 → 0.812, 0.95 → 0.931" for a table cell. */
export function coverageCell(levels: readonly number[], shares: readonly number[]): string {
  return levels.map((l, j) => `${l}% → ${(shares[j] ?? 0).toFixed(3)}`).join(', ');
}
