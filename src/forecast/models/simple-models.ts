/** Benchmark methods: naive, seasonal naive and the mean of a recent window (or of the whole history). */
import { randomWalkVariance, rms, type FittedModel, type ForecastModel } from './model.js';

/** The last value, repeated. */
export class NaiveModel implements ForecastModel {
  readonly name = 'naive';
  /** Two points give one error to size intervals with. */
  minLength(): number {
    return 2;
  }
  /** Fits nothing: the last value is the forecast. */
  fit(y: Float64Array): FittedModel {
    const n = y.length;
    const e = new Float64Array(n - 1);
    for (let i = 1; i < n; i++) e[i - 1] = y[i]! - y[i - 1]!;
    const last = y[n - 1]!;
    return { sigma: rms(e), forecast: (h) => new Float64Array(h).fill(last), varianceFactor: randomWalkVariance };
  }
}

/** The value one season earlier, repeated season after season. */
export class SeasonalNaiveModel implements ForecastModel {
  readonly name = 'seasonal-naive';
  /** One season and one more point. */
  minLength(m: number): number {
    return m + 1;
  }
  /** Fits nothing: the last season is the forecast. */
  fit(y: Float64Array, m: number): FittedModel {
    const n = y.length;
    const e = new Float64Array(Math.max(n - m, 0));
    for (let i = m; i < n; i++) e[i - m] = y[i]! - y[i - m]!;
    return {
      sigma: rms(e),
      forecast(h) {
        const out = new Float64Array(h);
        for (let k = 0; k < h; k++) out[k] = y[n - m + (k % m)]!;
        return out;
      },
      varianceFactor: (step) => Math.floor((step - 1) / m) + 1,
    };
  }
}

/** The mean of the last `window` values (all of them when `window` is 0). */
export class WindowMeanModel implements ForecastModel {
  readonly name: string;
  constructor(readonly window: number) {
    this.name = window > 0 ? `mean-${window}` : 'mean';
  }
  /** Half a window at least, so that the mean is not a single point. */
  minLength(): number {
    return Math.max(2, Math.ceil(this.window / 2));
  }
  /** The window's mean; sigma is the spread around it (the error of a stable level). */
  fit(y: Float64Array): FittedModel {
    const n = y.length;
    const k = this.window > 0 ? Math.min(this.window, n) : n;
    let s = 0;
    for (let i = n - k; i < n; i++) s += y[i]!;
    const mean = s / k;
    let v = 0;
    for (let i = n - k; i < n; i++) v += (y[i]! - mean) ** 2;
    const sigma = Math.sqrt(v / Math.max(k - 1, 1)) * Math.sqrt(1 + 1 / k);
    return { sigma, forecast: (h) => new Float64Array(h).fill(mean), varianceFactor: () => 1 };
  }
}
