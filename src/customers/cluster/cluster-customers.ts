/**
 * Behavioural clusters: k-means++ on standardised features, k chosen by the highest mean silhouette on a
 * fixed random sample, each cluster described by its strongest feature z-scores and favourite category.
 */
import { seededRandom } from '../../math/random.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { preferences } from '../profile/profile-view.js';
import { CLUSTER_FEATURES, clusterFeatures, standardise } from './cluster-features.js';
import { kMeans, silhouette } from './k-means.js';

/** Options for {@link clusterCustomers}. */
export interface ClusterOptions {
  kMin?: number;
  kMax?: number;
  seed?: number;
  /** Points used for the silhouette (default 2,000). */
  sampleSize?: number;
  /** A z-score at least this far from 0 is worth a word in the description (default 0.5). */
  describeThreshold?: number;
}

/** One described cluster. */
export interface CustomerCluster {
  id: number;
  size: number;
  /** Mean z-score of each feature in the cluster, by feature name. */
  zScores: Record<string, number>;
  /** Favourite category over-represented in the cluster, if any. */
  category: string | null;
  description: string;
}

/** Assignments and descriptions. */
export interface ClusterResult {
  k: number;
  ids: string[];
  labels: Int32Array;
  clusters: CustomerCluster[];
  /** Mean silhouette for every k tried. */
  silhouetteByK: { k: number; silhouette: number }[];
}

/** Clusters profiles at time `now`. */
export function clusterCustomers(
  profiles: readonly CustomerProfile[],
  now: number,
  options: ClusterOptions = {},
): ClusterResult {
  const n = profiles.length;
  const d = CLUSTER_FEATURES.length;
  const kMin = options.kMin ?? 2;
  const kMax = Math.min(options.kMax ?? 8, n - 1);
  if (n < 3 || kMax < kMin) throw new RangeError(`clustering needs more customers than clusters (got ${n})`);
  const data = clusterFeatures(profiles, now);
  standardise(data, n, d);
  const random = seededRandom(options.seed ?? 42);
  const sampleSize = Math.min(n, options.sampleSize ?? 2000);
  // A partial Fisher–Yates shuffle picks the silhouette sample once, so every k is judged on the same points.
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < sampleSize; i++) {
    const j = i + Math.floor(random() * (n - i));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const sample = perm.slice(0, sampleSize);
  let best: ReturnType<typeof kMeans> | null = null;
  let bestScore = -Infinity;
  const silhouetteByK: ClusterResult['silhouetteByK'] = [];
  for (let k = kMin; k <= kMax; k++) {
    const run = kMeans(data, n, d, k, random);
    const score = silhouette(data, d, run.labels, k, sample);
    silhouetteByK.push({ k, silhouette: score });
    if (score > bestScore) {
      bestScore = score;
      best = run;
    }
  }
  const chosen = best!;
  return {
    k: chosen.k,
    ids: profiles.map((p) => p.customerId),
    labels: chosen.labels,
    clusters: describeClusters(profiles, data, chosen.labels, chosen.k, options.describeThreshold ?? 0.5),
    silhouetteByK,
  };
}

function describeClusters(
  profiles: readonly CustomerProfile[],
  data: Float64Array,
  labels: Int32Array,
  k: number,
  threshold: number,
): CustomerCluster[] {
  const n = profiles.length;
  const d = CLUSTER_FEATURES.length;
  const sizes = new Int32Array(k);
  const means = new Float64Array(k * d);
  const favourite = profiles.map((p) => preferences(p.affinity.category, 1)[0]?.key ?? null);
  const overall = new Map<string, number>();
  const byCluster = Array.from({ length: k }, () => new Map<string, number>());
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    sizes[c]!++;
    for (let j = 0; j < d; j++) means[c * d + j]! += data[i * d + j]!;
    const f = favourite[i];
    if (f) {
      overall.set(f, (overall.get(f) ?? 0) + 1);
      byCluster[c]!.set(f, (byCluster[c]!.get(f) ?? 0) + 1);
    }
  }
  return Array.from({ length: k }, (_, c) => {
    const size = sizes[c]!;
    const z: Record<string, number> = {};
    const words: { text: string; strength: number }[] = [];
    CLUSTER_FEATURES.forEach((f, j) => {
      const v = size > 0 ? means[c * d + j]! / size : 0;
      z[f.name] = v;
      if (Math.abs(v) >= threshold / 2) words.push({ text: v > 0 ? f.high : f.low, strength: Math.abs(v) });
    });
    words.sort((a, b) => b.strength - a.strength);
    // A large cluster sits near the mean; its strongest leanings are still worth a hedged word.
    const strong = words.filter((w) => w.strength >= threshold);
    const chosen = strong.length > 0 ? strong : words.slice(0, 2).map((w) => ({ ...w, text: `slightly ${w.text}` }));
    // A category is worth naming when at least a fifth of the cluster prefers it, 1.2× its overall share.
    let category: string | null = null;
    let bestLift = 1.2;
    for (const [key, count] of byCluster[c]!) {
      const share = count / Math.max(size, 1);
      const lift = share / ((overall.get(key) ?? 1) / n);
      if (share >= 0.2 && lift > bestLift) {
        bestLift = lift;
        category = key;
      }
    }
    const parts = chosen.slice(0, 3).map((w) => w.text);
    if (category) parts.push(`prefers ${category}`);
    return {
      id: c,
      size,
      zScores: z,
      category,
      description: parts.length > 0 ? parts.join(', ') : 'typical customers',
    };
  });
}
