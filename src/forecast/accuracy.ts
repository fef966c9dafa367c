/** Forecast accuracy measures: RMSSE (M5) and MASE (M4), scaled by in-sample (seasonal) naive errors. */

/** Mean squared one-step change of the training data at lag `m` (RMSSE's scale, squared). */
export function squaredScale(train: Float64Array, m = 1): number {
  let s = 0;
  let count = 0;
  for (let i = m; i < train.length; i++) {
    s += (train[i]! - train[i - m]!) ** 2;
    count++;
  }
  return count > 0 ? s / count : 0;
}

/** Mean absolute change at lag `m` (MASE's scale). */
export function absoluteScale(train: Float64Array, m = 1): number {
  let s = 0;
  let count = 0;
  for (let i = m; i < train.length; i++) {
    s += Math.abs(train[i]! - train[i - m]!);
    count++;
  }
  return count > 0 ? s / count : 0;
}

/** Root mean squared scaled error; NaN when the training data never changes. */
export function rmsse(train: Float64Array, actual: ArrayLike<number>, forecast: ArrayLike<number>, m = 1): number {
  const scale = squaredScale(train, m);
  if (!(scale > 0)) return NaN;
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += (actual[i]! - forecast[i]!) ** 2;
  return Math.sqrt(s / actual.length / scale);
}

/** Mean absolute scaled error; NaN when the training data never changes. */
export function mase(train: Float64Array, actual: ArrayLike<number>, forecast: ArrayLike<number>, m = 1): number {
  const scale = absoluteScale(train, m);
  if (!(scale > 0)) return NaN;
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i]! - forecast[i]!);
  return s / actual.length / scale;
}
