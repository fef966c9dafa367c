/**
 * Whether a series is seasonal, and its classical decomposition. The test is the one the M4 competition's
 * benchmarks used: the autocorrelation at the seasonal lag against a 90% bound that widens with the
 * autocorrelations below it. Methods without a season of their own see the series with its season divided
 * out (or subtracted, when the data is not positive) and put it back into their forecasts.
 */

/** Autocorrelation of `y` at lags 1..maxLag (index 0 is lag 1). */
export function autocorrelations(y: Float64Array, maxLag: number): Float64Array {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n;
  let denom = 0;
  for (let i = 0; i < n; i++) denom += (y[i]! - mean) ** 2;
  const out = new Float64Array(maxLag);
  if (denom === 0) return out;
  for (let k = 1; k <= maxLag; k++) {
    let s = 0;
    for (let i = k; i < n; i++) s += (y[i]! - mean) * (y[i - k]! - mean);
    out[k - 1] = s / denom;
  }
  return out;
}

/** True when the autocorrelation at lag `m` clears the 90% bound (needs three seasons of data). */
export function isSeasonal(y: Float64Array, m: number): boolean {
  if (m <= 1 || y.length < 3 * m) return false;
  const acf = autocorrelations(y, m);
  let s = 0;
  for (let k = 0; k < m - 1; k++) s += acf[k]! * acf[k]!;
  const bound = 1.645 * Math.sqrt((1 + 2 * s) / y.length);
  return Math.abs(acf[m - 1]!) > bound;
}

/** Seasonal indices by position in the season, and whether they multiply (else they add). */
export interface SeasonalIndices {
  indices: Float64Array;
  multiplicative: boolean;
}

/** Classical decomposition: a centred moving average of one season, then the mean ratio per position. */
export function seasonalIndices(y: Float64Array, m: number): SeasonalIndices {
  const n = y.length;
  let positive = true;
  for (let i = 0; i < n; i++) if (y[i]! <= 0) positive = false;
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  const half = Math.floor(m / 2);
  for (let t = half; t < n - half; t++) {
    let ma = 0;
    if (m % 2 === 0) {
      for (let k = -half; k <= half; k++) ma += (k === -half || k === half ? 0.5 : 1) * y[t + k]!;
    } else for (let k = -half; k <= half; k++) ma += y[t + k]!;
    ma /= m;
    const ratio = positive ? y[t]! / ma : y[t]! - ma;
    if (!Number.isFinite(ratio)) continue;
    sums[t % m] = sums[t % m]! + ratio;
    counts[t % m] = counts[t % m]! + 1;
  }
  const indices = new Float64Array(m);
  let mean = 0;
  for (let j = 0; j < m; j++) {
    indices[j] = counts[j]! > 0 ? sums[j]! / counts[j]! : positive ? 1 : 0;
    mean += indices[j]!;
  }
  mean /= m;
  for (let j = 0; j < m; j++) indices[j] = positive ? indices[j]! / mean : indices[j]! - mean;
  return { indices, multiplicative: positive };
}

/** `y` with the season taken out (position of y[i] in the season is i % m). */
export function deseasonalise(y: Float64Array, s: SeasonalIndices): Float64Array {
  const m = s.indices.length;
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const idx = s.indices[i % m]!;
    out[i] = s.multiplicative ? y[i]! / idx : y[i]! - idx;
  }
  return out;
}
