/** Wraps a non-seasonal method: seasonal series are deseasonalised before the fit and reseasonalised after. */
import type { FittedModel, ForecastModel } from './model.js';
import { deseasonalise, isSeasonal, seasonalIndices } from './seasonality.js';

/** A non-seasonal method made fit for seasonal data by classical decomposition. */
export class DeseasonalisedModel implements ForecastModel {
  readonly name: string;
  constructor(private readonly inner: ForecastModel) {
    this.name = inner.name;
  }
  /** What the inner method needs. */
  minLength(m: number): number {
    return this.inner.minLength(m);
  }
  /** The inner fit, on the adjusted series when the seasonal test says so. */
  fit(y: Float64Array, m: number): FittedModel {
    if (!isSeasonal(y, m)) return this.inner.fit(y, 1);
    const season = seasonalIndices(y, m);
    const fitted = this.inner.fit(deseasonalise(y, season), 1);
    const n = y.length;
    // Errors of the adjusted series are in adjusted units: scale sigma back by the mean level's index (≈1).
    return {
      sigma: fitted.sigma,
      varianceFactor: (step) => fitted.varianceFactor(step),
      forecast(h) {
        const out = fitted.forecast(h);
        for (let k = 0; k < h; k++) {
          const idx = season.indices[(n + k) % m]!;
          out[k] = season.multiplicative ? out[k]! * idx : out[k]! + idx;
        }
        return out;
      },
    };
  }
}
