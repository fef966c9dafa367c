/** The interface every forecasting model in this folder implements. */

/** A model fitted to one series: point forecasts and how their spread grows with the horizon. */
export interface FittedModel {
  /** Point forecasts for the next `h` periods. */
  forecast(h: number): Float64Array;
  /** Standard deviation of the one-step-ahead in-sample errors. */
  sigma: number;
  /** Multiplier of sigma² for the error variance `step` periods ahead (1 for step 1). */
  varianceFactor(step: number): number;
}

/** A forecasting method: fits a series with season length `m` (1 when none). */
export interface ForecastModel {
  /** Short stable name, as shown to users and stored with forecasts. */
  readonly name: string;
  /** The fewest observations the method needs. */
  minLength(m: number): number;
  /** Fits `y` (finite values, oldest first). */
  fit(y: Float64Array, m: number): FittedModel;
}

/** Variance growth of a random walk: the error of step h has h times the one-step variance. */
export const randomWalkVariance = (step: number): number => step;

/** Root mean square of `e` over indices [from, to). */
export function rms(e: Float64Array, from = 0, to = e.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += e[i]! * e[i]!;
  return to > from ? Math.sqrt(s / (to - from)) : 0;
}
