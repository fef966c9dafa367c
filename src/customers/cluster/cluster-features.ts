/** Behavioural features of a profile for clustering, and their standardisation. */
import { DAY_MS } from '../types.js';
import type { CustomerProfile } from '../profile/customer-profile.js';

/** One feature: its name and the words used when a cluster is high or low on it. */
export interface FeatureSpec {
  name: string;
  high: string;
  low: string;
}

/** The features, in column order. */
export const CLUSTER_FEATURES: readonly FeatureSpec[] = [
  { name: 'log orders', high: 'high frequency', low: 'low frequency' },
  { name: 'log revenue', high: 'high spend', low: 'low spend' },
  { name: 'log order value', high: 'large baskets', low: 'small baskets' },
  { name: 'log days since last order', high: 'long since last order', low: 'ordered recently' },
  { name: 'log days since first seen', high: 'long-standing', low: 'recently joined' },
  { name: 'log browsing events', high: 'heavy browsing', low: 'little browsing' },
];

/** Row-major raw feature matrix for profiles at time `now`. */
export function clusterFeatures(profiles: readonly CustomerProfile[], now: number): Float64Array {
  const d = CLUSTER_FEATURES.length;
  const out = new Float64Array(profiles.length * d);
  profiles.forEach((p, i) => {
    const tenure = Math.max(0, (now - p.firstSeen) / DAY_MS);
    // Never-buyers count as "not ordered for their whole tenure", which keeps the feature monotone.
    const sinceLast = p.lastOrder === null ? tenure : Math.max(0, (now - p.lastOrder) / DAY_MS);
    let browsing = 0;
    for (const v of Object.values(p.behaviour)) browsing += v;
    const o = i * d;
    out[o] = Math.log1p(p.orders);
    out[o + 1] = Math.log1p(Math.max(0, p.revenue));
    out[o + 2] = Math.log1p(p.orders > 0 ? Math.max(0, p.revenue) / p.orders : 0);
    out[o + 3] = Math.log1p(sinceLast);
    out[o + 4] = Math.log1p(tenure);
    out[o + 5] = Math.log1p(browsing);
  });
  return out;
}

/** Standardises columns in place to mean 0 and standard deviation 1; returns the means and deviations. */
export function standardise(data: Float64Array, n: number, d: number): { means: Float64Array; stds: Float64Array } {
  const means = new Float64Array(d);
  const stds = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) means[j]! += data[i * d + j]! / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) stds[j]! += (data[i * d + j]! - means[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) stds[j] = Math.sqrt(stds[j]!) || 1;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) data[i * d + j] = (data[i * d + j]! - means[j]!) / stds[j]!;
  return { means, stds };
}
