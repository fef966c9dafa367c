/**
 * The batch's total per period and where it stands at an origin: a shift that hits every series at once, such as
 * a store-wide fall or recovery, says more about each series' next periods than its own noise. The pooled models
 * read it as three ratios (the last 4 and 13 periods against the whole history before the origin, and the last 4
 * against the last 13), so the total's size never enters, only its shape.
 */

/** How many features {@link totalFeatures} writes. */
export const TOTAL_DIM = 3;

/** The sum of the series per period, each aligned at its end (a batch's series end together). */
export function totalOf(series: readonly Float64Array[]): Float64Array {
  let longest = 0;
  for (const y of series) longest = Math.max(longest, y.length);
  const total = new Float64Array(longest);
  for (const y of series) {
    const offset = longest - y.length;
    for (let i = 0; i < y.length; i++) total[offset + i] = total[offset + i]! + y[i]!;
  }
  return total;
}

/** Mean of total[a−w..a). */
function windowMean(total: Float64Array, a: number, w: number): number {
  const k = Math.min(w, a);
  let s = 0;
  for (let i = a - k; i < a; i++) s += total[i]!;
  return s / Math.max(k, 1);
}

/**
 * Writes the total's three ratios at the origin `t` of a series of `length` periods (aligned at the total's end)
 * into `out` from `at`; 1 where there is nothing to compare.
 */
export function totalFeatures(total: Float64Array, length: number, t: number, out: Float64Array, at: number): void {
  const a = total.length - length + t;
  const all = a > 0 ? windowMean(total, a, a) : 0;
  const recent = a > 0 ? windowMean(total, a, 4) : 0;
  const quarter = a > 0 ? windowMean(total, a, 13) : 0;
  out[at] = all > 0 ? recent / all : 1;
  out[at + 1] = all > 0 ? quarter / all : 1;
  out[at + 2] = quarter > 0 ? recent / quarter : 1;
}
