/** RFM scores: recency, frequency and monetary value ranked into quantile bins (1 = worst, bins = best). */
import { DAY_MS } from '../types.js';
import type { CustomerProfile } from '../profile/customer-profile.js';

/** Per-customer raw RFM values in columnar form. */
export interface RfmInput {
  ids: string[];
  /** Days since the last order (lower is better). */
  recencyDays: Float64Array;
  /** Number of orders. */
  frequency: Float64Array;
  /** Total revenue. */
  monetary: Float64Array;
}

/** Scores in 1..bins per customer. */
export interface RfmScores {
  ids: string[];
  bins: number;
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
}

/**
 * Quantile bin of every value by mid-rank, so ties share one score (many one-order customers must not
 * be split across bins arbitrarily). Higher values get higher scores.
 */
export function quantileScores(values: ArrayLike<number>, bins: number): Uint8Array {
  const n = values.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => values[i]! - values[j]!);
  const out = new Uint8Array(n);
  for (let k = 0; k < n;) {
    let end = k;
    while (end + 1 < n && values[order[end + 1]!] === values[order[k]!]) end++;
    const midRank = (k + end) / 2 + 0.5;
    const score = Math.min(bins, Math.floor((midRank / n) * bins) + 1);
    for (let j = k; j <= end; j++) out[order[j]!] = score;
    k = end + 1;
  }
  return out;
}

/** Scores every customer; `bins` defaults to 5 and must be 2..20. */
export function rfmScores(input: RfmInput, bins = 5): RfmScores {
  if (!Number.isInteger(bins) || bins < 2 || bins > 20)
    throw new RangeError(`bins must be an integer 2..20, got ${bins}`);
  const negRecency = input.recencyDays.map((v) => -v);
  return {
    ids: input.ids,
    bins,
    r: quantileScores(negRecency, bins),
    f: quantileScores(input.frequency, bins),
    m: quantileScores(input.monetary, bins),
  };
}

/** RFM input from profiles at `now`; customers without orders are left out. */
export function rfmInputFromProfiles(profiles: Iterable<CustomerProfile>, now: number): RfmInput {
  const buyers: CustomerProfile[] = [];
  for (const p of profiles) if (p.orders > 0 && p.lastOrder !== null) buyers.push(p);
  const input: RfmInput = {
    ids: buyers.map((p) => p.customerId),
    recencyDays: new Float64Array(buyers.length),
    frequency: new Float64Array(buyers.length),
    monetary: new Float64Array(buyers.length),
  };
  buyers.forEach((p, i) => {
    input.recencyDays[i] = (now - p.lastOrder!) / DAY_MS;
    input.frequency[i] = p.orders;
    input.monetary[i] = p.revenue;
  });
  return input;
}
